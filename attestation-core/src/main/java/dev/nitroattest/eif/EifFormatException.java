package dev.nitroattest.eif;

/** The bytes are not a well-formed enclave image file; the message says what is wrong. */
public final class EifFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * An image file that is not a well-formed EIF.
     *
     * @param message one sentence naming the section or field
     */
    public EifFormatException(String message) {
        super(message);
    }
}
