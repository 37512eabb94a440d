package dev.nitroattest.attestation.internal;

/**
 * What the internal decoders and validators find wrong, in their own terms; the public layer maps each fault to its
 * stable {@code RejectionReason} (so that nothing here depends on the API package).
 */
public enum Fault {
    /** The bytes are not the structure they should be. */
    MALFORMED,
    /** A field is well-formed but its value is not allowed. */
    INVALID_FIELD,
    /** An algorithm or key type outside the profile. */
    UNSUPPORTED_ALGORITHM,
    /** The certificates do not form a valid chain to a pinned anchor. */
    UNTRUSTED_CHAIN,
    /** A certificate's validity ended before the verification time. */
    CERTIFICATE_EXPIRED,
    /** A certificate's validity starts after the verification time. */
    CERTIFICATE_NOT_YET_VALID
}
