package dev.nitroattest.attestation.internal.cose;

import java.math.BigInteger;

/**
 * The four parts of a COSE_Sign1 (RFC 9052 section 4.2) of this library's profile, as received.
 * The arrays are owned by this value and never handed out to callers of the public API.
 *
 * @param tagged whether the document carried tag 18
 * @param payload the payload byte string's content, exactly as received (the signature covers these bytes)
 * @param signature r || s, 48 bytes each
 * @param r the signature's first half as an integer, in [1, n-1]
 * @param s the signature's second half as an integer, in [1, n-1]
 */
public record CoseSign1(boolean tagged, byte[] payload, byte[] signature, BigInteger r, BigInteger s) {
}
