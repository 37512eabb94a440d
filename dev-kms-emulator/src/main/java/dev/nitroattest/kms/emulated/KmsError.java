package dev.nitroattest.kms.emulated;

/**
 * The KMS errors the emulator answers with, by the {@code __type} KMS's JSON protocol names them. KMS answers each
 * with HTTP status 400.
 */
public enum KmsError {
    /**
     * The key policy's recipient conditions are not met, or a key with such conditions was asked without a recipient:
     * what KMS answers for a policy mismatch or a missing attestation document.
     */
    ACCESS_DENIED("AccessDeniedException"),
    /**
     * The request is not valid: a field missing or out of range, or an attestation document that does not verify.
     * KMS does not document its answer to a forged or expired document; this is the emulator's guess (see
     * docs/kms-recipient-facts.md, section 7).
     */
    VALIDATION("ValidationException"),
    /** The ciphertext blob was not made by this KMS, was altered, or its encryption context differs. */
    INVALID_CIPHERTEXT("InvalidCiphertextException"),
    /** The request names a KeyId other than the one the ciphertext was made under. */
    INCORRECT_KEY("IncorrectKeyException"),
    /** No key by that id, ARN or alias. */
    NOT_FOUND("NotFoundException"),
    /** The body is not the JSON the operation takes (a wrong type, a repeated field, bad base64). */
    SERIALIZATION("SerializationException"),
    /** An X-Amz-Target the emulator does not serve. */
    UNKNOWN_OPERATION("UnknownOperationException");

    private final String wireName;

    KmsError(String wireName) {
        this.wireName = wireName;
    }

    /** The {@code __type} of the error body, and the error code the AWS SDKs report. */
    public String wireName() {
        return wireName;
    }
}
