package dev.nitroattest.agent.binding;

import java.util.Objects;

/**
 * The enclave's binding cannot be read now, for a stable {@link #reason()}; the agent answers the request with
 * {@code BINDING_UNAVAILABLE} and this message, and makes no document without the binding.
 */
public final class BindingFileException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the binding cannot be read. */
    public enum Reason {
        /** There is no file yet: the enclave application has not published its binding. */
        MISSING,
        /** The path names a directory, a device, a pipe or another thing that is not a regular file. */
        NOT_A_REGULAR_FILE,
        /** The file is over {@value EnclaveBinding#MAX_FILE_BYTES} bytes. */
        TOO_LARGE,
        /** The file is not the binding's CBOR map (see {@link EnclaveBinding}). */
        MALFORMED,
        /** Reading the file failed: permissions, or an I/O error. */
        UNREADABLE
    }

    /** Why. */
    private final Reason reason;

    /**
     * A binding that cannot be read.
     *
     * @param reason why
     * @param message one sentence saying what is wrong and what to do
     */
    public BindingFileException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the binding cannot be read. */
    public Reason reason() {
        return reason;
    }
}
