package dev.nitroattest.attestation;

/**
 * The verifier itself is set up wrongly: an unreadable or unsuitable trust anchor, a PCR value of the
 * wrong length, an empty measurement policy. Unlike {@link DocumentRejectedException}, this says nothing
 * about any document; it is a bug or a deployment error to fix before verifying anything.
 */
public final class VerifierConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VerifierConfigurationException(String message) {
        super(message);
    }

    public VerifierConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
