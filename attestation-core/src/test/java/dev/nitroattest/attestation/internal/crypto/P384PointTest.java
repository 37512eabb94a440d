package dev.nitroattest.attestation.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SEC 1 point decoding against Bouncy Castle's: the same points accepted, with the same coordinates. */
@DisplayName("P-384 point decoding")
class P384PointTest {
    @Test
    @DisplayName("uncompressed and compressed encodings of random points decode to Bouncy Castle's coordinates")
    void decodesAsBouncyCastle() {
        Random random = new Random(388);
        for (int i = 0; i < 300; i++) {
            ECPoint point = EcdsaReference.timesG(EcdsaReference.scalar(random)).normalize();
            int[][] expected = BcP384.affine(point);
            for (boolean compressed : new boolean[] {false, true}) {
                int[][] decoded = P384Point.decode(point.getEncoded(compressed));
                assertArrayEquals(expected[0], decoded[0]);
                assertArrayEquals(expected[1], decoded[1], () -> "y of " + point + (compressed ? ", compressed" : ""));
            }
            assertArrayEquals(point.getEncoded(false), P384Point.encodeUncompressed(expected[0], expected[1]));
        }
    }

    @Test
    @DisplayName("for random x, a compressed encoding is a point exactly when Bouncy Castle decodes it")
    void compressedRandomXAsBouncyCastle() {
        Random random = new Random(389);
        int points = 0;
        for (int i = 0; i < 400; i++) {
            byte[] encoded = new byte[49];
            random.nextBytes(encoded);
            encoded[0] = (byte) (2 + (i & 1));
            ECPoint expected;
            try {
                expected = BcP384.NAMED.getCurve().decodePoint(encoded);
            } catch (IllegalArgumentException notAPoint) {
                expected = null;
            }
            if (expected == null) {
                assertThrows(IllegalArgumentException.class, () -> P384Point.decode(encoded));
            } else {
                points++;
                int[][] decoded = P384Point.decode(encoded);
                assertArrayEquals(BcP384.affine(expected)[1], decoded[1]);
            }
        }
        assertTrue(points > 100 && points < 300, "both kinds were tried: " + points);
    }

    @Test
    @DisplayName("a coordinate at or above p is refused, even when it is congruent to the right one")
    void coordinatesBelowP() {
        BigInteger p = P384.P;
        byte[] generator = P384.generatorEncoded();
        for (BigInteger alias : new BigInteger[] {p, p.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(384).subtract(
                BigInteger.ONE)}) {
            byte[] badX = generator.clone();
            System.arraycopy(EcdsaReference.fixed48(alias), 0, badX, 1, 48);
            assertThrows(IllegalArgumentException.class, () -> P384Point.decode(badX));
            byte[] badY = generator.clone();
            System.arraycopy(EcdsaReference.fixed48(alias), 0, badY, 49, 48);
            assertThrows(IllegalArgumentException.class, () -> P384Point.decode(badY));
        }
        Random random = new Random(390);
        int aliases = 0;
        for (int i = 0; i < 200 && aliases < 5; i++) {
            ECPoint point = EcdsaReference.timesG(EcdsaReference.scalar(random)).normalize();
            BigInteger py = point.getAffineYCoord().toBigInteger();
            if (py.add(p).bitLength() <= 384) {
                aliases++;
                byte[] encoded = point.getEncoded(false);
                System.arraycopy(EcdsaReference.fixed48(py.add(p)), 0, encoded, 49, 48);
                assertThrows(IllegalArgumentException.class, () -> P384Point.decode(encoded), "y + p");
            }
        }
    }

    @Test
    @DisplayName("other forms, lengths and points off the curve are refused")
    void refusals() {
        byte[] generator = P384.generatorEncoded();
        byte[] offCurve = generator.clone();
        offCurve[96] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> P384Point.decode(offCurve));
        assertThrows(IllegalArgumentException.class, () -> P384Point.decode(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> P384Point.decode(new byte[] {0}), "infinity");
        assertThrows(IllegalArgumentException.class, () -> P384Point.decode(new byte[97]));
        assertThrows(IllegalArgumentException.class, () -> P384Point.decode(Arrays.copyOf(generator, 96)));
        assertThrows(IllegalArgumentException.class, () -> P384Point.decode(Arrays.copyOf(generator, 98)));
        for (int form : new int[] {0x00, 0x01, 0x05, 0x06, 0x07}) {
            byte[] other = generator.clone();
            other[0] = (byte) form;
            assertThrows(IllegalArgumentException.class, () -> P384Point.decode(other), "form " + form);
        }
        byte[] compressedLong = Arrays.copyOf(generator, 97);
        compressedLong[0] = 0x02;
        assertThrows(IllegalArgumentException.class, () -> P384Point.decode(compressedLong));
        byte[] xOne = new byte[49];
        xOne[0] = 0x02;
        xOne[48] = 1;
        // x = 1: 1 - 3 + b is not a square modulo p (Bouncy Castle agrees: it refuses the encoding too).
        assertThrows(IllegalArgumentException.class, () -> BcP384.NAMED.getCurve().decodePoint(xOne));
        assertThrows(IllegalArgumentException.class, () -> P384Point.decode(xOne));
        byte[] xZero = new byte[49];
        xZero[0] = 0x03;
        // x = 0 is a point (b is a square): the odd root.
        assertArrayEquals(BcP384.affine(BcP384.NAMED.getCurve().decodePoint(xZero))[1], P384Point.decode(xZero)[1]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> P384Point.decode(new byte[] {4, 1, 2}));
        assertEquals("not a point on P-384: 3 bytes starting with 04 are neither an uncompressed (04, 97 bytes) nor"
                + " a compressed (02 or 03, 49 bytes) SEC 1 encoding", e.getMessage());
    }
}
