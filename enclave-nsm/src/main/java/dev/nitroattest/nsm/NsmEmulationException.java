package dev.nitroattest.nsm;

/** An emulated NSM could not start with the options given; the message is one sentence for the operator. */
public final class NsmEmulationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** With the sentence that says what is wrong. */
    public NsmEmulationException(String message) {
        super(message);
    }
}
