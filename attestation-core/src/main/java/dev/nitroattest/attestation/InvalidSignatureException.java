package dev.nitroattest.attestation;

/**
 * A signature checked with {@link Es384PublicKey} is not that key's ES384 signature of the message: the message or
 * the signature was altered, another key signed it, or the signature is not 96 bytes. Checked, so that a caller
 * cannot go on as if the signature were good without having decided what a bad one means.
 */
public final class InvalidSignatureException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidSignatureException(String message) {
        super(message);
    }
}
