package dev.nitroattest.cbor;

import java.util.Objects;

/**
 * The COSE Sig_structure of a COSE_Sign1 (RFC 9052 section 4.4), the bytes its signature covers: the definite-length
 * array {@code ["Signature1", protected, external_aad, payload]}, each head in its shortest form as RFC 9052 asks.
 * The protected header (the content of its byte string) and the payload go in exactly as received, never re-encoded;
 * external_aad is empty, as in every attestation document. One encoding for the verifier, the emulated NSM and the
 * test kit; a test that needs a different signing input on purpose builds it itself.
 */
public final class CoseSigStructure {
    /** 84 (array of 4), 6a "Signature1". */
    private static final byte[] ARRAY_AND_CONTEXT = {
        (byte) 0x84, 0x6a, 'S', 'i', 'g', 'n', 'a', 't', 'u', 'r', 'e', '1'
    };
    /** An empty byte string: external_aad. */
    private static final byte EMPTY_BYTES = 0x40;

    private CoseSigStructure() {
    }

    /** The Sig_structure around {@code protectedHeader} and {@code payload}, encoded. */
    public static byte[] encode(byte[] protectedHeader, byte[] payload) {
        byte[] prefix = beforePayload(protectedHeader, payload.length);
        byte[] encoded = new byte[prefix.length + payload.length];
        System.arraycopy(prefix, 0, encoded, 0, prefix.length);
        System.arraycopy(payload, 0, encoded, prefix.length, payload.length);
        return encoded;
    }

    /**
     * Everything of the Sig_structure before the payload's content, up to and including the head of the payload's
     * byte string: a caller that hashes this and then the payload where it lies never copies the payload.
     */
    public static byte[] beforePayload(byte[] protectedHeader, int payloadLength) {
        Objects.requireNonNull(protectedHeader, "protectedHeader");
        if (payloadLength < 0) {
            throw new IllegalArgumentException("a payload has no negative length");
        }
        byte[] headerHead = byteStringHead(protectedHeader.length);
        byte[] payloadHead = byteStringHead(payloadLength);
        byte[] prefix = new byte[ARRAY_AND_CONTEXT.length + headerHead.length + protectedHeader.length + 1
                + payloadHead.length];
        int at = copy(ARRAY_AND_CONTEXT, prefix, 0);
        at = copy(headerHead, prefix, at);
        at = copy(protectedHeader, prefix, at);
        prefix[at++] = EMPTY_BYTES;
        copy(payloadHead, prefix, at);
        return prefix;
    }

    /** The shortest CBOR head of a byte string of {@code length} bytes. */
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

    private static int copy(byte[] from, byte[] to, int at) {
        System.arraycopy(from, 0, to, at, from.length);
        return at + from.length;
    }
}
