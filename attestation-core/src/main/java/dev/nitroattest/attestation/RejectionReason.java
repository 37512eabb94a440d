package dev.nitroattest.attestation;

/**
 * The stable, machine-readable reason a document was rejected. The names are a contract: scripts and
 * relying services match on them, so they never change meaning and are never renamed.
 */
public enum RejectionReason {
    /**
     * Not well-formed: not CBOR of the accepted kinds (no tags, no chunked strings), not a COSE_Sign1 of our
     * profile (a signature component outside [1, n-1] included), duplicate keys, trailing bytes.
     */
    MALFORMED(Category.STRUCTURE),
    /** Larger than the configured maximum document size; refused before parsing. */
    TOO_LARGE(Category.STRUCTURE),
    /**
     * Another algorithm than ES384 with P-384 and SHA-384, in the COSE header, the payload or a certificate.
     * Certificates are decoded by {@code verify}, so a certificate's key or signature algorithm is found there.
     */
    UNSUPPORTED_ALGORITHM(Category.STRUCTURE),
    /** A payload field is missing, of the wrong type or out of its bounds. */
    INVALID_FIELD(Category.STRUCTURE),
    /** The certificate chain does not lead from the document's leaf to a pinned trust anchor. */
    UNTRUSTED_CHAIN(Category.AUTHENTICITY),
    /** A certificate of the chain had expired at the verification time. */
    CERTIFICATE_EXPIRED(Category.AUTHENTICITY),
    /** A certificate of the chain was not yet valid at the verification time. */
    CERTIFICATE_NOT_YET_VALID(Category.AUTHENTICITY),
    /** The COSE signature does not verify with the leaf certificate's key. */
    BAD_SIGNATURE(Category.AUTHENTICITY),
    /** A PCR differs from every value the policy accepts for its index, or is missing. */
    PCR_MISMATCH(Category.POLICY),
    /** The nonce is not the expected one. */
    NONCE_MISMATCH(Category.POLICY),
    /** The user_data is not the expected one. */
    USER_DATA_MISMATCH(Category.POLICY),
    /** The public_key is not the expected one. */
    PUBLIC_KEY_MISMATCH(Category.POLICY),
    /** A debug-mode enclave (PCR0, PCR1 and PCR2 all zero) while debug enclaves are not allowed. */
    DEBUG_ENCLAVE(Category.POLICY),
    /** The document's timestamp is older than the configured maximum age. */
    DOCUMENT_TOO_OLD(Category.POLICY),
    /** The document's timestamp is later than the verification time plus the allowed clock skew. */
    DOCUMENT_FROM_FUTURE(Category.POLICY),
    /** A NitroTPM document given to an enclave verifier, or the other way round. */
    WRONG_DOCUMENT_KIND(Category.POLICY);

    /** What kind of check a reason belongs to, for callers that react to categories rather than reasons. */
    public enum Category {
        /**
         * The bytes are not an acceptable attestation document. Found by {@code parse}, except the
         * {@link #UNSUPPORTED_ALGORITHM} of a certificate's key or signature, which {@code verify} finds when it
         * decodes the chain.
         */
        STRUCTURE,
        /** The document is well-formed but not provably signed by the pinned trust anchor's hierarchy. */
        AUTHENTICITY,
        /** The document is authentic but not what the verifier's policy or the caller expects. */
        POLICY
    }

    private final Category category;

    RejectionReason(Category category) {
        this.category = category;
    }

    /** The kind of check that produced this reason. */
    public Category category() {
        return category;
    }
}
