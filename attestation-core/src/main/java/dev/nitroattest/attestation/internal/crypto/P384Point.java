package dev.nitroattest.attestation.internal.crypto;

import java.util.Arrays;

/**
 * SEC 1 (section 2.3) encodings of P-384 points other than infinity: uncompressed 04 || x || y and compressed
 * 02 or 03 || x, where 03 means y is odd. Decoding validates: each coordinate below p, the point on the curve (for a
 * compressed one, y^2 = x^3 - 3x + b has a root), so that with cofactor 1 it is in the group of order n. The hybrid
 * forms 06 and 07 (X9.62) and the one-byte infinity 00 are refused: no certificate or document carries them.
 */
final class P384Point {
    private static final int COORDINATE = 48;

    private P384Point() {
    }

    /**
     * The affine coordinates {x, y} as field limbs.
     *
     * @throws IllegalArgumentException saying what is wrong, if the bytes are not such an encoding of a point on P-384
     */
    static int[][] decode(byte[] encoded) {
        if (encoded.length == 0) {
            throw new IllegalArgumentException("not a point on P-384: the encoding is empty");
        }
        int form = encoded[0];
        boolean uncompressed = form == 0x04 && encoded.length == 1 + 2 * COORDINATE;
        boolean compressed = (form == 0x02 || form == 0x03) && encoded.length == 1 + COORDINATE;
        if (!uncompressed && !compressed) {
            throw new IllegalArgumentException("not a point on P-384: " + encoded.length + " bytes starting with "
                    + String.format("%02x", form & 0xff) + " are neither an uncompressed (04, 97 bytes) nor a"
                    + " compressed (02 or 03, 49 bytes) SEC 1 encoding");
        }
        int[] x = new int[P384Field.LIMBS];
        int[] y = new int[P384Field.LIMBS];
        if (!P384Field.fromBytes(encoded, 1, x)) {
            throw new IllegalArgumentException("not a point on P-384: x is not below the field prime");
        }
        int[] rightSide = curveRightSide(x);
        int[] check = new int[P384Field.LIMBS];
        if (uncompressed) {
            if (!P384Field.fromBytes(encoded, 1 + COORDINATE, y)) {
                throw new IllegalArgumentException("not a point on P-384: y is not below the field prime");
            }
            P384Field.square(y, check);
            if (!Arrays.equals(check, rightSide)) {
                throw new IllegalArgumentException("not a point on P-384: (x, y) does not satisfy the curve equation");
            }
        } else {
            P384Field.squareRoot(rightSide, y);
            P384Field.square(y, check);
            if (!Arrays.equals(check, rightSide)) {
                throw new IllegalArgumentException("not a point on P-384: no point of the curve has this x");
            }
            if (P384Field.isOdd(y) != (form == 0x03)) {
                // y = 0 would have no negation of the other parity, but x^3 - 3x + b has no root: n is odd.
                P384Field.negate(y, y);
            }
        }
        return new int[][] {x, y};
    }

    /** x^3 - 3x + b. */
    private static int[] curveRightSide(int[] x) {
        int[] result = new int[P384Field.LIMBS];
        int[] threeX = new int[P384Field.LIMBS];
        P384Field.square(x, result);
        P384Field.multiply(result, x, result);
        P384Field.twice(x, threeX);
        P384Field.add(threeX, x, threeX);
        P384Field.subtract(result, threeX, result);
        P384Field.add(result, P384.B, result);
        return result;
    }

    static byte[] encodeUncompressed(int[] x, int[] y) {
        byte[] encoded = new byte[1 + 2 * COORDINATE];
        encoded[0] = 0x04;
        P384Field.toBytes(x, encoded, 1);
        P384Field.toBytes(y, encoded, 1 + COORDINATE);
        return encoded;
    }
}
