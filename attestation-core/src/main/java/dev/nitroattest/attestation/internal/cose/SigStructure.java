package dev.nitroattest.attestation.internal.cose;

import dev.nitroattest.attestation.internal.crypto.Sha384;
import dev.nitroattest.cbor.CoseSigStructure;

/**
 * The Sig_structure ({@link CoseSigStructure}) of this profile's COSE_Sign1, whose protected header is always
 * {@code {1: -35}} (ES384), hashed with SHA-384. It is rebuilt around the payload bytes exactly as received and never
 * from a re-encoded payload.
 */
public final class SigStructure {
    /** a1 01 38 22: {1: -35}, the only protected header the decoder accepts. */
    private static final byte[] ES384_PROTECTED_HEADER = {(byte) 0xa1, 0x01, 0x38, 0x22};

    private SigStructure() {
    }

    /** SHA-384 of the Sig_structure around {@code payload}, hashing the payload where it lies. */
    public static byte[] sha384(byte[] payload) {
        Sha384 digest = new Sha384();
        byte[] prefix = CoseSigStructure.beforePayload(ES384_PROTECTED_HEADER, payload.length);
        digest.update(prefix, 0, prefix.length);
        digest.update(payload, 0, payload.length);
        return digest.digest();
    }

    /** The Sig_structure around {@code payload}, encoded: what the signature covers. */
    public static byte[] encode(byte[] payload) {
        return CoseSigStructure.encode(ES384_PROTECTED_HEADER, payload);
    }
}
