package dev.nitroattest.proxy.internal.enclave;

import java.io.IOException;

/** No connection to the agent could be made (as opposed to a made connection that broke). */
final class AgentConnectException extends IOException {
    private static final long serialVersionUID = 1L;

    AgentConnectException(String message, IOException cause) {
        super(message, cause);
    }
}
