package dev.nitroattest.attestation.internal.crypto;

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
     * {@code digits} (index = bit position) and returns the number of digit positions used.
     */
    static int recode(int[] scalar, int from, int limbCount, int width, byte[] digits) {
        checkWidth(width);
        // One spare limb absorbs the carry of subtracting a negative digit.
        int[] k = new int[limbCount + 1];
        System.arraycopy(scalar, from, k, 0, limbCount);
        int windowMask = (1 << width) - 1;
        int half = 1 << (width - 1);
        int position = 0;
        int length = 0;
        while (!isZero(k)) {
            int digit = 0;
            if ((k[0] & 1) != 0) {
                digit = k[0] & windowMask;
                if (digit >= half) {
                    digit -= 1 << width;
                }
                subtractSmall(k, digit);
                length = position + 1;
            }
            digits[position++] = (byte) digit;
            shiftRightOne(k);
        }
        return length;
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

    /** k -= digit, for |digit| below 2^31; the result stays non-negative because the low bits match. */
    private static void subtractSmall(int[] k, int digit) {
        long carry = -(long) digit;
        for (int i = 0; i < k.length && carry != 0; i++) {
            long sum = (k[i] & 0xffffffffL) + carry;
            k[i] = (int) sum;
            carry = sum >> 32;
        }
    }

    private static void shiftRightOne(int[] k) {
        for (int i = 0; i < k.length - 1; i++) {
            k[i] = (k[i] >>> 1) | (k[i + 1] << 31);
        }
        k[k.length - 1] >>>= 1;
    }

    private static boolean isZero(int[] k) {
        int any = 0;
        for (int limb : k) {
            any |= limb;
        }
        return any == 0;
    }
}
