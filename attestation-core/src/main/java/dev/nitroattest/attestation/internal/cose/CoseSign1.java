package dev.nitroattest.attestation.internal.cose;

/**
 * The four parts of a COSE_Sign1 (RFC 9052 section 4.2) of this library's profile, as received.
 * The arrays are owned by this value and never handed out to callers of the public API.
 *
 * @param tagged whether the document carried tag 18
 * @param payload the payload byte string's content, exactly as received (the signature covers these bytes)
 * @param signature r || s, 48 bytes each
 */
public record CoseSign1(boolean tagged, byte[] payload, byte[] signature) {
}
