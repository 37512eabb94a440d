package dev.nitroattest.attestation.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every field operation against BigInteger arithmetic modulo p: seeded random values and the edges (0, 1, p - 1,
 * values with all limbs full, powers of two at the limb and reduction boundaries), with results checked to be
 * fully reduced and outputs allowed to alias inputs. Multiplication and squaring also take unreduced inputs in
 * [p, 2^384).
 */
@DisplayName("P-384 field arithmetic")
class P384FieldTest {
    private static final BigInteger P = BcP384.P;
    private static final BigInteger TWO_384 = BigInteger.ONE.shiftLeft(384);
    private static final int RANDOM_CASES = 20_000;

    /** Reduced edge values: 0, 1, 2, p - 1, p - 2, (p - 1) / 2, and values at limb and reduction boundaries. */
    private static List<BigInteger> reducedEdges() {
        List<BigInteger> edges = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
                P.subtract(BigInteger.ONE), P.subtract(BigInteger.TWO), P.shiftRight(1),
                BigInteger.ONE.shiftLeft(383), TWO_384.subtract(P), P.subtract(BigInteger.ONE.shiftLeft(128))));
        for (int bit : new int[] {24, 32, 96, 128, 192, 360}) {
            edges.add(BigInteger.ONE.shiftLeft(bit));
            edges.add(BigInteger.ONE.shiftLeft(bit).subtract(BigInteger.ONE));
        }
        return edges;
    }

    /** Unreduced values multiplication accepts: p, p + 1, 2^384 - 1 (every limb full), and p + 2^128 - 1. */
    private static List<BigInteger> unreducedEdges() {
        return List.of(P, P.add(BigInteger.ONE), TWO_384.subtract(BigInteger.ONE),
                P.add(BigInteger.ONE.shiftLeft(128)).subtract(BigInteger.ONE));
    }

    private static BigInteger reduced(Random random) {
        return new BigInteger(384, random).mod(P);
    }

    /** Random values biased to limbs near 0 and 2^24 - 1, where carries and borrows run far. */
    private static BigInteger extreme(Random random, BigInteger bound) {
        int[] limbs = new int[P384Field.LIMBS];
        for (int i = 0; i < limbs.length; i++) {
            int kind = random.nextInt(4);
            limbs[i] = kind == 0 ? 0 : kind == 1 ? 0xffffff : random.nextInt(1 << 24);
        }
        return P384Field.toBigInteger(limbs).mod(bound);
    }

    @Test
    @DisplayName("products and squares equal x y mod p and x^2 mod p, fully reduced, also for inputs in [p, 2^384)")
    void multiplyAndSquare() {
        Random random = new Random(384);
        List<BigInteger> edges = new ArrayList<>(reducedEdges());
        edges.addAll(unreducedEdges());
        for (BigInteger a : edges) {
            for (BigInteger b : edges) {
                checkProduct(a, b);
            }
        }
        for (int i = 0; i < RANDOM_CASES; i++) {
            BigInteger a = i % 3 == 0 ? extreme(random, TWO_384) : reduced(random);
            BigInteger b = i % 5 == 0 ? P.add(new BigInteger(128, random)) : reduced(random);
            checkProduct(a, b);
        }
    }

    @Test
    @DisplayName("products whose reduced value has a full top limb, as p's is, take the subtraction's check and pass")
    void productsNearP() {
        Random random = new Random(391);
        BigInteger[] targets = {P.subtract(BigInteger.ONE), P.subtract(BigInteger.TWO), P.subtract(BigInteger.ONE
                .shiftLeft(100)), P.subtract(BigInteger.ONE.shiftLeft(128)), P.subtract(BigInteger.ONE.shiftLeft(130)),
            BigInteger.ONE.shiftLeft(384).subtract(BigInteger.ONE.shiftLeft(360))};
        for (BigInteger target : targets) {
            for (int i = 0; i < 200; i++) {
                BigInteger a = reduced(random).max(BigInteger.ONE);
                BigInteger b = target.mod(P).multiply(a.modInverse(P)).mod(P);
                checkProduct(a, b);
                BigInteger root = target.mod(P).modPow(P.add(BigInteger.ONE).shiftRight(2), P);
                checkProduct(root, root);
            }
        }
    }

    private static void checkProduct(BigInteger a, BigInteger b) {
        int[] x = P384Field.fromBigInteger(a);
        int[] y = P384Field.fromBigInteger(b);
        int[] z = new int[P384Field.LIMBS];
        P384Field.multiply(x, y, z);
        assertReducedEqual(a.multiply(b).mod(P), z, () -> a + " * " + b);
        P384Field.square(x, z);
        assertReducedEqual(a.multiply(a).mod(P), z, () -> a + "^2");
        P384Field.multiply(x, y, x);
        assertReducedEqual(a.multiply(b).mod(P), x, () -> "the output may alias an input: " + a + " * " + b);
        P384Field.square(y, y);
        assertReducedEqual(b.multiply(b).mod(P), y, () -> "the output may alias the input: " + b + "^2");
    }

    @Test
    @DisplayName("sums, differences, doubles and negations of reduced values equal BigInteger's mod p")
    void addSubtractTwiceNegate() {
        Random random = new Random(385);
        List<BigInteger> edges = reducedEdges();
        for (BigInteger a : edges) {
            for (BigInteger b : edges) {
                checkLinear(a, b);
            }
        }
        for (int i = 0; i < RANDOM_CASES; i++) {
            checkLinear(i % 2 == 0 ? extreme(random, P) : reduced(random), i % 3 == 0 ? extreme(random, P)
                    : reduced(random));
        }
    }

    private static void checkLinear(BigInteger a, BigInteger b) {
        int[] x = P384Field.fromBigInteger(a);
        int[] y = P384Field.fromBigInteger(b);
        int[] z = new int[P384Field.LIMBS];
        P384Field.add(x, y, z);
        assertReducedEqual(a.add(b).mod(P), z, () -> a + " + " + b);
        P384Field.subtract(x, y, z);
        assertReducedEqual(a.subtract(b).mod(P), z, () -> a + " - " + b);
        P384Field.twice(x, z);
        assertReducedEqual(a.shiftLeft(1).mod(P), z, () -> "2 * " + a);
        P384Field.negate(x, z);
        assertReducedEqual(a.negate().mod(P), z, () -> "-" + a);
        P384Field.subtract(x, y, x);
        assertReducedEqual(a.subtract(b).mod(P), x, () -> "the output may alias an input: " + a + " - " + b);
        P384Field.add(y, y, y);
        assertReducedEqual(b.add(b).mod(P), y, () -> "the output may alias both inputs: " + b + " + " + b);
    }

    @Test
    @DisplayName("the inverse is 1/x mod p (0 for 0), and the square root is one exactly for the squares")
    void invertAndSquareRoot() {
        Random random = new Random(386);
        List<BigInteger> values = new ArrayList<>(reducedEdges());
        for (int i = 0; i < 300; i++) {
            values.add(i % 2 == 0 ? extreme(random, P) : reduced(random));
        }
        int[] z = new int[P384Field.LIMBS];
        int squares = 0;
        for (BigInteger a : values) {
            int[] x = P384Field.fromBigInteger(a);
            P384Field.invert(x, z);
            BigInteger inverse = a.signum() == 0 ? BigInteger.ZERO : a.modInverse(P);
            assertReducedEqual(inverse, z, () -> "1 / " + a);
            P384Field.invert(x, x);
            assertReducedEqual(inverse, x, () -> "the output may alias the input: 1 / " + a);

            x = P384Field.fromBigInteger(a);
            P384Field.squareRoot(x, z);
            BigInteger root = P384Field.toBigInteger(z);
            boolean isSquare = a.signum() == 0 || a.modPow(P.shiftRight(1), P).equals(BigInteger.ONE);
            assertEquals(isSquare, root.multiply(root).mod(P).equals(a), () -> "square root of " + a);
            squares += isSquare ? 1 : 0;
            assertReducedEqual(a.modPow(P.add(BigInteger.ONE).shiftRight(2), P), z, () -> a + "^((p+1)/4)");
        }
        assertTrue(squares > 100 && squares < values.size() - 100, "both kinds were tried: " + squares);
    }

    @Test
    @DisplayName("48 big-endian bytes read back to the same value, below p or not, and write back to the same bytes")
    void bytesAndBigIntegers() {
        Random random = new Random(387);
        List<BigInteger> values = new ArrayList<>(reducedEdges());
        values.addAll(unreducedEdges());
        for (int i = 0; i < RANDOM_CASES; i++) {
            values.add(i % 2 == 0 ? extreme(random, TWO_384) : new BigInteger(384, random));
        }
        for (BigInteger value : values) {
            byte[] bytes = new byte[50];
            byte[] magnitude = EcdsaReference.fixed48(value);
            System.arraycopy(magnitude, 0, bytes, 1, 48);
            int[] z = new int[P384Field.LIMBS];
            assertEquals(value.compareTo(P) < 0, P384Field.fromBytes(bytes, 1, z), () -> value + " below p");
            assertEquals(value, P384Field.toBigInteger(z));
            assertArrayEquals(z, P384Field.fromBigInteger(value));
            byte[] written = new byte[50];
            P384Field.toBytes(z, written, 1);
            assertArrayEquals(bytes, written);
        }
        assertFalse(P384Field.isZero(P384Field.fromBigInteger(BigInteger.ONE.shiftLeft(383))));
        assertTrue(P384Field.isZero(new int[P384Field.LIMBS]));
    }

    private static void assertReducedEqual(BigInteger expected, int[] actual,
            Supplier<String> what) {
        for (int limb : actual) {
            assertTrue(limb >= 0 && limb < 1 << 24, () -> "a limb out of range: " + what.get());
        }
        assertEquals(expected, P384Field.toBigInteger(actual), what);
    }
}
