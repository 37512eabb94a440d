package dev.nitroattest.secrets;

/** Why a secret was not sealed or opened; stable codes for logs and metrics. */
public enum SecretRefusal {
    /**
     * The envelope is neither form's CMS structure: another content type or encoding, lengths that do not add up, or
     * optional CMS fields neither form has (originatorInfo, attributes).
     */
    MALFORMED,
    /**
     * The structure, with a version, algorithm or parameter outside the form's profile: RSAES-OAEP-SHA-256 for the
     * key in both; AES-256-CBC with a 16-byte IV for KMS's; AES-256-GCM with a 12-byte nonce and an aes-ICVlen of
     * 16 for the authenticated form.
     */
    UNSUPPORTED_ALGORITHM,
    /** Not exactly one recipient. */
    NOT_ONE_RECIPIENT,
    /** The envelope is for another key. */
    WRONG_RECIPIENT,
    /**
     * The authenticated form: the wrapped content key does not unwrap with this key. KMS's form reports this as
     * {@link #DECRYPTION_FAILED}.
     */
    KEY_UNWRAP_FAILED,
    /**
     * KMS's form: the wrapped content key does not unwrap with this key, or the content does not decrypt with it (its
     * padding is wrong). The two are one reason, with one message, so that whoever sees the outcome learns nothing
     * about the padding of content they altered: AES-256-CBC has no integrity, and telling them apart would be a
     * padding oracle. Stop using an envelope refused so, and its wrapped key.
     */
    DECRYPTION_FAILED,
    /** The verified document carries no RSA public key to seal to. */
    NO_RECIPIENT_KEY,
    /**
     * The document's verifier did not pin the enclave image (it accepted any image, or pinned none of PCR0, 1, 2 or
     * 8), and the sealer was not told {@link SecretSealer#allowAnyEnclaveImage()}.
     */
    IMAGE_NOT_PINNED,
    /**
     * The document's verifier accepted debug-mode enclaves, and the sealer was not told
     * {@link SecretSealer#allowDebugEnclaves()}.
     */
    DEBUG_ENCLAVES_ALLOWED,
    /**
     * The authenticated form: the tag does not verify, or is not 16 bytes. The ciphertext, the nonce or the tag was
     * altered, or the content key is not the one it was sealed with.
     */
    AUTHENTICATION_FAILED,
    /**
     * KMS's unauthenticated form (AES-256-CBC) where only the authenticated form is accepted
     * ({@link RecipientKey#openAuthenticated}): a misconfigured sender, or a downgrade on the channel.
     */
    UNAUTHENTICATED_FORMAT,
    /**
     * The envelope is longer than {@link RecipientKey#MAX_ENVELOPE_LENGTH}, more than any secret a sealer writes
     * takes; it is refused before any of it is parsed.
     */
    TOO_LARGE
}
