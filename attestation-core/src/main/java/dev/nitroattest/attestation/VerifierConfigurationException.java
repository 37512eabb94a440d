package dev.nitroattest.attestation;

/**
 * The verifier itself is set up wrongly: an unreadable or unsuitable trust anchor, a PCR value of the
 * wrong length, an empty measurement policy. Unlike {@link DocumentRejectedException}, this says nothing
 * about any document; it is a bug or a deployment error to fix before verifying anything.
 */
public final class VerifierConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A configuration error.
     *
     * @param message one sentence saying what is wrong and what to call instead
     */
    public VerifierConfigurationException(String message) {
        super(message);
    }

    /**
     * A configuration error with its cause.
     *
     * @param message one sentence saying what is wrong
     * @param cause what failed underneath
     */
    public VerifierConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
