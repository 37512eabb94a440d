package dev.nitroattest.attestation.internal.chain;

/**
 * {@link LegacyCertificateDecoder}'s element boundaries, as they were. Finds element boundaries in DER that has already
 * been parsed and checked, so that a signature can be verified over the signed bytes as received rather than over a
 * re-encoding.
 */
final class LegacyDerSpans {
    private LegacyDerSpans() {
    }

    /** Offset of the content of the element whose tag is at {@code offset} (single-byte tags only). */
    static int contentStart(byte[] der, int offset) {
        int lengthByte = der[offset + 1] & 0xff;
        return lengthByte < 0x80 ? offset + 2 : offset + 2 + (lengthByte & 0x7f);
    }

    /** Offset just after the element whose tag is at {@code offset}. */
    static int end(byte[] der, int offset) {
        int lengthByte = der[offset + 1] & 0xff;
        if (lengthByte < 0x80) {
            return offset + 2 + lengthByte;
        }
        int lengthOfLength = lengthByte & 0x7f;
        int length = 0;
        for (int i = 0; i < lengthOfLength; i++) {
            length = (length << 8) | (der[offset + 2 + i] & 0xff);
        }
        return offset + 2 + lengthOfLength + length;
    }
}
