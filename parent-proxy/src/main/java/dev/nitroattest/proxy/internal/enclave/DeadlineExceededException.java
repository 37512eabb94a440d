package dev.nitroattest.proxy.internal.enclave;

import java.io.IOException;

/** The request's deadline passed before the agent had answered; its connection, if one was made, is closed. */
final class DeadlineExceededException extends IOException {
    private static final long serialVersionUID = 1L;

    DeadlineExceededException(Deadline deadline) {
        super("The enclave agent did not answer within " + deadline.timeout().toMillis() + " ms.");
    }
}
