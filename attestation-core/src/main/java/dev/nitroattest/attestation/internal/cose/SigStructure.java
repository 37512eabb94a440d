package dev.nitroattest.attestation.internal.cose;

import dev.nitroattest.attestation.internal.crypto.Sha384;

/**
 * The COSE Sig_structure for a COSE_Sign1 (RFC 9052 section 4.4) of this profile, hashed with SHA-384:
 * the definite-length array ["Signature1", h'a1013822', h'', payload]. It is rebuilt around the payload
 * bytes exactly as received and never from a re-encoded payload.
 */
public final class SigStructure {
    /** 84 (array of 4), 6a "Signature1", 44 a1 01 38 22 (protected header), 40 (empty external_aad). */
    private static final byte[] PREFIX = {
        (byte) 0x84, 0x6a, 'S', 'i', 'g', 'n', 'a', 't', 'u', 'r', 'e', '1',
        0x44, (byte) 0xa1, 0x01, 0x38, 0x22,
        0x40
    };

    private SigStructure() {
    }

    /** SHA-384 of the Sig_structure around {@code payload}. */
    public static byte[] sha384(byte[] payload) {
        Sha384 digest = new Sha384();
        digest.update(PREFIX, 0, PREFIX.length);
        byte[] head = byteStringHead(payload.length);
        digest.update(head, 0, head.length);
        digest.update(payload, 0, payload.length);
        return digest.digest();
    }

    /** The Sig_structure around {@code payload}, encoded: what the signature covers. */
    public static byte[] encode(byte[] payload) {
        byte[] head = byteStringHead(payload.length);
        byte[] encoded = new byte[PREFIX.length + head.length + payload.length];
        System.arraycopy(PREFIX, 0, encoded, 0, PREFIX.length);
        System.arraycopy(head, 0, encoded, PREFIX.length, head.length);
        System.arraycopy(payload, 0, encoded, PREFIX.length + head.length, payload.length);
        return encoded;
    }

    /** The shortest CBOR head of a byte string of {@code length} bytes, as RFC 9052's deterministic encoding asks. */
    static byte[] byteStringHead(int length) {
        if (length < 24) {
            return new byte[] {(byte) (0x40 | length)};
        }
        if (length < 0x100) {
            return new byte[] {0x58, (byte) length};
        }
        if (length < 0x10000) {
            return new byte[] {0x59, (byte) (length >>> 8), (byte) length};
        }
        return new byte[] {0x5a, (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
    }
}
