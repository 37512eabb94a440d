package dev.nitroattest.attestation.internal.crypto;

import java.util.Arrays;

/**
 * Width-w non-adjacent form of a non-negative scalar: digits that are zero or odd with absolute value
 * below 2^(w-1), at most one non-zero digit in any w consecutive positions, so that a multiplication
 * adds about once every w + 1 doublings. Digits are stored as bytes, so widths run from 2 to 8. Scalars
 * here are public (signature values), so the recoding need not run in constant time.
 */
final class Wnaf {
    private Wnaf() {
    }

    /**
     * Recodes the {@code limbCount} 32-bit little-endian limbs of {@code scalar} starting at {@code from} into
     * {@code digits} (index = bit position; at least 32 limbCount + 1 of them) and returns the number of digit
     * positions used. The scalar is read a window at a time rather than shifted bit by bit: a short process runs this
     * interpreted, where shifting a dozen limbs per bit cost about a millisecond per verification.
     */
    static int recode(int[] scalar, int from, int limbCount, int width, byte[] digits) {
        checkWidth(width);
        int positions = 32 * limbCount + 1;
        Arrays.fill(digits, 0, positions, (byte) 0);
        int carry = 0;
        int length = 0;
        int bit = 0;
        while (bit < positions) {
            if (bits(scalar, from, limbCount, bit, 1) == carry) {
                // bit + carry is even: a zero digit, and the carry stays as it is.
                bit++;
                continue;
            }
            int now = Math.min(width, positions - bit);
            int word = bits(scalar, from, limbCount, bit, now) + carry;
            carry = (word >>> (width - 1)) & 1;
            word -= carry << width;
            digits[bit] = (byte) word;
            length = bit + 1;
            bit += now;
        }
        return length;
    }

    /** The {@code count} (1 to 8) bits of the scalar from bit {@code position} on, zero past its end. */
    private static int bits(int[] scalar, int from, int limbCount, int position, int count) {
        int limb = position >>> 5;
        int shift = position & 31;
        int value = limb < limbCount ? scalar[from + limb] >>> shift : 0;
        if (shift + count > 32 && limb + 1 < limbCount) {
            value |= scalar[from + limb + 1] << (32 - shift);
        }
        return value & ((1 << count) - 1);
    }

    /** Recodes a non-negative scalar below 2^62 into {@code digits} and returns the number of positions used. */
    static int recode(long scalar, int width, byte[] digits) {
        checkWidth(width);
        long k = scalar;
        long windowMask = (1L << width) - 1;
        int half = 1 << (width - 1);
        int position = 0;
        int length = 0;
        while (k != 0) {
            int digit = 0;
            if ((k & 1) != 0) {
                digit = (int) (k & windowMask);
                if (digit >= half) {
                    digit -= 1 << width;
                }
                k -= digit;
                length = position + 1;
            }
            digits[position++] = (byte) digit;
            k >>>= 1;
        }
        return length;
    }

    private static void checkWidth(int width) {
        if (width < 2 || width > 8) {
            throw new IllegalArgumentException("wNAF digits are bytes: the width must be 2 to 8, not " + width);
        }
    }
}
