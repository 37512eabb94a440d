package dev.nitroattest.testkit;

import java.util.Arrays;

/**
 * A copy of a document with one bit flipped.
 *
 * @param bitIndex the flipped bit: byte {@code bitIndex / 8}, mask {@code 0x80 >>> (bitIndex % 8)}
 * @param bytes the changed copy (copied on the way in and out)
 */
public record BitFlip(int bitIndex, byte[] bytes) {

    /** Copies the bytes. */
    public BitFlip {
        bytes = bytes.clone();
    }

    /** The changed copy (a fresh copy). */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BitFlip that && bitIndex == that.bitIndex && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * bitIndex + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "BitFlip[byte " + bitIndex / 8 + ", bit " + bitIndex % 8 + "]";
    }
}
