package dev.nitroattest.kms.emulated;

import java.util.Objects;

/** A request the emulated KMS refuses, with the error KMS would answer and one sentence saying why. */
public final class KmsErrorException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Which KMS error; never null. */
    private final KmsError error;

    /**
     * @param error the KMS error
     * @param message one sentence saying what is wrong
     */
    public KmsErrorException(KmsError error, String message) {
        super(message);
        this.error = Objects.requireNonNull(error, "error");
    }

    /** The KMS error this request gets. */
    public KmsError error() {
        return error;
    }
}
