package dev.nitroattest.nsm;

/**
 * An emulated NSM cannot be set up as asked (a bad key or chain file, a bad PCR value, an unreadable enclave image);
 * the message is one sentence for the operator, which the agent prints as it is.
 */
public final class NsmEmulationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** With the sentence that says what is wrong. */
    public NsmEmulationException(String message) {
        super(message);
    }
}
