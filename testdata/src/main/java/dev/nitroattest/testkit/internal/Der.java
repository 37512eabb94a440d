package dev.nitroattest.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Just enough DER to take a SEQUENCE apart into its elements' bytes and put one together: no parsing of values. */
final class Der {
    private Der() {}

    /** The encoded elements (tag, length and contents each) of a DER SEQUENCE's contents. */
    static List<byte[]> elements(byte[] sequence) {
        if (sequence.length < 2 || sequence[0] != 0x30) {
            throw new IllegalArgumentException("not a DER SEQUENCE");
        }
        int position = 1 + lengthOfLength(sequence, 1);
        List<byte[]> elements = new ArrayList<>();
        while (position < sequence.length) {
            int headerLength = 1 + lengthOfLength(sequence, position + 1);
            int end = position + headerLength + contentLength(sequence, position + 1);
            elements.add(Arrays.copyOfRange(sequence, position, end));
            position = end;
        }
        return elements;
    }

    /** A constructed element of this tag around the given encoded elements. */
    static byte[] tlv(int tag, List<byte[]> elements) {
        ByteArrayOutputStream contents = new ByteArrayOutputStream();
        elements.forEach(contents::writeBytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = contents.size();
        if (length < 0x80) {
            out.write(length);
        } else {
            int octets = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | octets);
            for (int shift = (octets - 1) * 8; shift >= 0; shift -= 8) {
                out.write(length >>> shift);
            }
        }
        out.writeBytes(contents.toByteArray());
        return out.toByteArray();
    }

    private static int lengthOfLength(byte[] der, int at) {
        int first = der[at] & 0xff;
        return first < 0x80 ? 1 : 1 + (first & 0x7f);
    }

    private static int contentLength(byte[] der, int at) {
        int first = der[at] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 1; i <= (first & 0x7f); i++) {
            length = (length << 8) | (der[at + i] & 0xff);
        }
        return length;
    }
}
