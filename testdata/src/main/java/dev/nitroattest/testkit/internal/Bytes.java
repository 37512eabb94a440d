package dev.nitroattest.testkit.internal;

import java.math.BigInteger;

/** Byte-array helpers the kit needs in several places. */
public final class Bytes {
    private Bytes() {}

    /** The parts, one after the other. */
    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, offset, part.length);
            offset += part.length;
        }
        return out;
    }

    /** The unsigned big-endian form of a non-negative value, left-padded with zeros to exactly length bytes. */
    public static byte[] unsignedFixed(BigInteger value, int length) {
        if (value.signum() < 0 || value.bitLength() > length * 8) {
            throw new IllegalArgumentException("value does not fit in " + length + " bytes");
        }
        byte[] minimal = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(minimal.length, length);
        System.arraycopy(minimal, minimal.length - copy, out, length - copy, copy);
        return out;
    }

    /** The given unsigned byte values (0..255) as a byte array, for writing literal encodings readably. */
    public static byte[] of(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] > 0xff) {
                throw new IllegalArgumentException("not a byte value: " + values[i]);
            }
            out[i] = (byte) values[i];
        }
        return out;
    }
}
