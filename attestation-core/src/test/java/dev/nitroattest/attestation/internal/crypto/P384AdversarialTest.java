package dev.nitroattest.attestation.internal.crypto;

import static dev.nitroattest.attestation.internal.crypto.EcdsaReference.G;
import static dev.nitroattest.attestation.internal.crypto.EcdsaReference.N;
import static dev.nitroattest.attestation.internal.crypto.EcdsaReference.fixed48;
import static dev.nitroattest.attestation.internal.crypto.EcdsaReference.scalar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.internal.crypto.EcdsaReference.Case;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An attacker's review of the P-384 arithmetic, kept as tests: the attacker picks signatures, keys (a certificate's
 * key until its chain verifies, and the leaf's) and digests, so these cases steer the field reduction, point decoding
 * and the three verification paths (a key's first use, its third use with split tables, the AWS root's built tables)
 * into their edges and compare every verdict with Bouncy Castle's. Seeded; a failure names its case.
 */
@DisplayName("P-384 under attack")
class P384AdversarialTest {
    private static final BigInteger P = BcP384.P;
    private static final BigInteger TWO_384 = BigInteger.ONE.shiftLeft(384);
    /** 2^384 - p: a reduced value below it may have been p more before the reduction's last subtraction. */
    private static final BigInteger OVERHANG = TWO_384.subtract(P);
    private static final ECCurve CURVE = BcP384.NAMED.getCurve();

    /** Limbs whose carries run far: empty, full, full but one, one, half, full but the low byte, or random. */
    private static int[] adversarialLimbs(Random random) {
        int[] limbs = new int[P384Field.LIMBS];
        boolean nearlyFull = random.nextInt(4) == 0;
        for (int i = 0; i < limbs.length; i++) {
            limbs[i] = switch (nearlyFull ? 1 : random.nextInt(8)) {
                case 0 -> 0;
                case 1 -> 0xffffff - (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
                case 2 -> 0xfffffe;
                case 3 -> 1;
                case 4 -> 0x800000;
                case 5 -> 0xffff00;
                default -> random.nextInt(1 << 24);
            };
        }
        return limbs;
    }

    @Test
    @DisplayName("adversarial limb patterns (reduced or up to 2^384 - 1): products, squares, sums and differences"
            + " are BigInteger's, fully reduced, and a square is the product with itself")
    void adversarialLimbPatterns() {
        Random random = new Random(0x384a);
        int[] product = new int[P384Field.LIMBS];
        int[] square = new int[P384Field.LIMBS];
        int[] z = new int[P384Field.LIMBS];
        for (int i = 0; i < 60_000; i++) {
            int[] x = adversarialLimbs(random);
            int[] y = adversarialLimbs(random);
            BigInteger a = P384Field.toBigInteger(x);
            BigInteger b = P384Field.toBigInteger(y);
            P384Field.multiply(x, y, product);
            assertReduced(a.multiply(b).mod(P), product, a, "*", b);
            P384Field.square(x, square);
            P384Field.multiply(x, x, z);
            assertArrayEquals(z, square, () -> "square and product disagree for " + a.toString(16));
            assertReduced(a.multiply(a).mod(P), square, a, "^2", BigInteger.TWO);
            if (a.compareTo(P) < 0 && b.compareTo(P) < 0) {
                P384Field.add(x, y, z);
                assertReduced(a.add(b).mod(P), z, a, "+", b);
                P384Field.subtract(x, y, z);
                assertReduced(a.subtract(b).mod(P), z, a, "-", b);
            }
        }
    }

    @Test
    @DisplayName("results below 2^384 - p, and just above, from products, squares and sums: each is the reduced value,"
            + " never that value plus p, so that equality and zero tests hold")
    void resultsAtTheLastSubtraction() {
        Random random = new Random(0x384b);
        List<BigInteger> targets = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
                BigInteger.ONE.shiftLeft(24), BigInteger.ONE.shiftLeft(32), BigInteger.ONE.shiftLeft(128)
                        .subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(266), OVERHANG.subtract(BigInteger.ONE),
                OVERHANG, OVERHANG.add(BigInteger.ONE), OVERHANG.shiftLeft(1), BigInteger.ONE.shiftLeft(266)
                        .add(OVERHANG), P.subtract(BigInteger.ONE)));
        int[] z = new int[P384Field.LIMBS];
        for (BigInteger target : targets) {
            for (int i = 0; i < 300; i++) {
                BigInteger a = new BigInteger(384, random).mod(P).max(BigInteger.ONE);
                BigInteger b = target.multiply(a.modInverse(P)).mod(P);
                int[] x = P384Field.fromBigInteger(a);
                int[] y = P384Field.fromBigInteger(b);
                P384Field.multiply(x, y, z);
                assertReduced(target, z, a, "*", b);
                // a + (target - a) reaches p + target when a > target.
                BigInteger c = target.subtract(a).mod(P);
                P384Field.add(x, P384Field.fromBigInteger(c), z);
                assertReduced(target, z, a, "+", c);
                BigInteger root = target.modPow(P.add(BigInteger.ONE).shiftRight(2), P);
                if (root.multiply(root).mod(P).equals(target)) {
                    P384Field.square(P384Field.fromBigInteger(root), z);
                    assertReduced(target, z, root, "^2", BigInteger.TWO);
                    P384Field.square(P384Field.fromBigInteger(P.subtract(root).mod(P)), z);
                    assertReduced(target, z, P.subtract(root), "^2", BigInteger.TWO);
                }
            }
        }
        P384Field.subtract(P384Field.fromBigInteger(P.subtract(BigInteger.ONE)),
                P384Field.fromBigInteger(P.subtract(BigInteger.ONE)), z);
        assertTrue(P384Field.isZero(z), "(p - 1) - (p - 1) is the zero isZero recognizes");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {61, 62, 63})
    @DisplayName("the AWS root's key, with its built tables from the first use, agrees with Bouncy Castle on"
            + " signatures crafted for chosen u1 and u2: R = +-Q, u1 = 0, u1 or u2 = n - 1, a digest of n")
    void awsRootBuiltTables(long seed) {
        Random random = new Random(seed);
        ECPoint rootPoint = CURVE.decodePoint(BuiltTables.AWS_ROOT_G1_KEY);
        EcdsaReference reference = new EcdsaReference(rootPoint);
        BigInteger last = N.subtract(BigInteger.ONE);
        BigInteger topPart = BigInteger.ONE.shiftLeft(ScalarMultiplication.SPLIT_BITS
                * (ScalarMultiplication.SPLIT_PARTS - 1));
        List<BigInteger[]> products = new ArrayList<>(List.of(
                new BigInteger[] {BigInteger.ZERO, BigInteger.ONE},
                new BigInteger[] {BigInteger.ZERO, last},
                new BigInteger[] {BigInteger.ONE, BigInteger.ONE},
                new BigInteger[] {last, BigInteger.ONE},
                new BigInteger[] {last, last},
                new BigInteger[] {BigInteger.ONE, last},
                new BigInteger[] {topPart, topPart},
                new BigInteger[] {topPart.subtract(BigInteger.ONE), TWO_384.subtract(BigInteger.ONE).mod(N)},
                new BigInteger[] {BigInteger.ZERO, scalar(random)},
                new BigInteger[] {scalar(random), scalar(random)},
                new BigInteger[] {scalar(random), scalar(random)}));
        P384PublicKey root = P384PublicKey.fromEncodedPoint(BuiltTables.AWS_ROOT_G1_KEY);
        assertTrue(root.hasSplitTables(), "the root's key verifies with the built tables from its first use");
        int valid = 0;
        for (BigInteger[] u : products) {
            Case c = reference.withProducts(u[0], u[1], scalar(random));
            assertNotNull(c);
            valid += assertAgrees(reference, List.of(root), c, "root u1=" + u[0].toString(16)) ? 1 : 0;
            assertFalse(assertAgrees(reference, List.of(root), new Case(c.digest(), c.r(),
                    c.s().add(BigInteger.ONE).mod(N).max(BigInteger.ONE), false), "root, s changed"));
        }
        assertEquals(products.size(), valid, "no crafted sum is infinity without the root's private key");
        // A digest of n is at least n: e is taken modulo n, as Bouncy Castle takes it, so u1 = 0.
        Case zero = reference.withProducts(BigInteger.ZERO, scalar(random), BigInteger.ONE);
        assertEquals(BigInteger.ZERO, new BigInteger(1, zero.digest()));
        assertTrue(assertAgrees(reference, List.of(root), new Case(fixed48(N), zero.r(), zero.s(), true),
                "root, digest n"));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {71, 72, 73})
    @DisplayName("valid signatures with s = 1, 2, (n - 1) / 2 and n - 1, or digests of 0, n - 1, n and 2^384 - 1,"
            + " verify on the first use and with split tables, and r + 1 or another s does not")
    void validSignaturesWithExtremeS(long seed) {
        Random random = new Random(seed);
        BigInteger d = scalar(random);
        EcdsaReference reference = EcdsaReference.ofPrivateKey(d);
        List<P384PublicKey> keys = List.of(reference.freshKey(random.nextBoolean()), reference.reusedKey());
        for (BigInteger s : List.of(BigInteger.ONE, BigInteger.TWO, N.shiftRight(1), N.subtract(BigInteger.ONE))) {
            BigInteger k = scalar(random);
            BigInteger r = EcdsaReference.timesG(k).normalize().getAffineXCoord().toBigInteger().mod(N);
            // s = (e + r d) / k, so e = s k - r d.
            BigInteger e = s.multiply(k).subtract(r.multiply(d)).mod(N);
            byte[] digest = fixed48(e);
            String what = "s=" + s.toString(16);
            assertTrue(assertAgrees(reference, keys, new Case(digest, r, s, true), what));
            assertFalse(assertAgrees(reference, keys, new Case(digest, r.add(BigInteger.ONE).mod(N)
                    .max(BigInteger.ONE), s, false), what + ", r + 1"));
            // s + 3 is neither s nor its twin n - s, for each s here.
            BigInteger other = s.add(BigInteger.valueOf(3)).mod(N);
            assertFalse(assertAgrees(reference, keys, new Case(digest, r, other, false), what + ", other s"));
        }
        // Digests at or above n (e is taken modulo n), and 0.
        for (BigInteger e : List.of(N, TWO_384.subtract(BigInteger.ONE), BigInteger.ZERO,
                N.subtract(BigInteger.ONE))) {
            byte[] digest = fixed48(e);
            BigInteger[] signature = EcdsaReference.sign(d, scalar(random), digest);
            assertNotNull(signature);
            assertTrue(assertAgrees(reference, keys, new Case(digest, signature[0], signature[1], true),
                    "digest " + e.toString(16)));
        }
    }

    /**
     * On a key's first use its table holds 3Q, 5Q, ..., 15Q with Z other than 1. With u2 = j a single wNAF digit at
     * position 0 and u1 = +-j k (Q = k G), the last addition adds jQ to an accumulator that holds +-jQ: the equal case
     * must double the table's Jacobian point, the opposite case must give infinity. The split path meets 2^336 jQ.
     */
    @ParameterizedTest(name = "j = {0}")
    @ValueSource(ints = {3, 5, 7, 9, 15})
    @DisplayName("the accumulator equal or opposite to a table point other than Q (R = +-jQ) doubles or vanishes,"
            + " on the first use and with split tables")
    void accumulatorMeetsATablePoint(int j) {
        Random random = new Random(90 + j);
        BigInteger k = scalar(random);
        EcdsaReference reference = EcdsaReference.ofPrivateKey(k);
        List<P384PublicKey> keys = List.of(reference.freshKey(false), reference.reusedKey());
        BigInteger topPart = BigInteger.ONE.shiftLeft(ScalarMultiplication.SPLIT_BITS
                * (ScalarMultiplication.SPLIT_PARTS - 1));
        for (BigInteger u2 : List.of(BigInteger.valueOf(j), BigInteger.valueOf(j).multiply(topPart))) {
            Case equal = reference.withProducts(k.multiply(u2), u2, scalar(random));
            Case opposite = reference.withProducts(k.multiply(u2).negate(), u2, scalar(random));
            assertTrue(assertAgrees(reference, keys, equal, "u1 G = u2 Q = " + u2.toString(16) + " Q"));
            assertFalse(assertAgrees(reference, keys, opposite, "u1 G = -u2 Q, u2 = " + u2.toString(16)));
        }
    }

    /**
     * A digest must be SHA-384's 48 bytes: ECDSA takes the leftmost 384 bits of a longer one, so reading a longer
     * digest whole verifies another equation than every other ECDSA implementation, and a shorter one is a mistake.
     * The signatures here are valid for the digest read whole.
     */
    @Test
    @DisplayName("a digest of 47 or 49 bytes is refused, even with a signature valid for it read as a whole integer")
    void digestOfAnotherLength() {
        Random random = new Random(101);
        BigInteger d = scalar(random);
        EcdsaReference reference = EcdsaReference.ofPrivateKey(d);
        for (P384PublicKey key : List.of(reference.freshKey(false), reference.reusedKey())) {
            for (int length : new int[] {47, 49, 64}) {
                byte[] digest = new byte[length];
                random.nextBytes(digest);
                BigInteger e = new BigInteger(1, digest).mod(N);
                BigInteger[] signature = EcdsaReference.sign(d, scalar(random), fixed48(e));
                assertNotNull(signature);
                assertTrue(key.verifyDigest(fixed48(e), signature[0], signature[1]));
                assertFalse(key.verifyDigest(digest, signature[0], signature[1]), () -> length + " bytes");
            }
        }
    }

    /**
     * Keys the attacker may choose so that x(R) is extreme: Q itself is R for u1 = 0 and u2 = 1 (digest 0), and Q
     * plus small multiples of G for other u1. The x coordinates: the smallest on the curve (r = x, and r + n below p
     * also tried), the largest below p (r = x - n), and the first above n.
     */
    @Test
    @DisplayName("keys whose x is the smallest on the curve, the largest below p, or just above n, in both parities,"
            + " agree with Bouncy Castle on every path, also for r = x + p - n, which matches x modulo p")
    void keysWithExtremeX() {
        Random random = new Random(81);
        List<ECPoint> points = new ArrayList<>();
        points.addAll(pointsWithX(BigInteger.ONE, BigInteger.ONE));
        points.addAll(pointsWithX(P.subtract(BigInteger.ONE), BigInteger.ONE.negate()));
        points.addAll(pointsWithX(N.add(BigInteger.ONE), BigInteger.ONE));
        for (ECPoint q : points) {
            EcdsaReference reference = new EcdsaReference(q);
            BigInteger x = q.getAffineXCoord().toBigInteger();
            String what = "Q with x " + x.toString(16) + (q.getAffineYCoord().testBitZero() ? " (y odd)" : "");
            List<P384PublicKey> keys = List.of(reference.freshKey(true), reference.reusedKey());
            Case itself = reference.withProducts(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE);
            assertEquals(x.mod(N), itself.r(), "R = Q");
            assertTrue(assertAgrees(reference, keys, itself, what + ", R = Q"));
            assertFalse(assertAgrees(reference, keys, new Case(itself.digest(), itself.r().add(BigInteger.ONE),
                    itself.s(), false), what + ", r + 1"));
            // Were (r + n) Z^2 compared without r + n < p, r = x + p - n would match x(R) = r + n - p: with s = r
            // and a zero digest, u1 = 0 and u2 = 1, so R = Q again.
            BigInteger aliased = x.add(P).subtract(N);
            if (aliased.compareTo(N) < 0) {
                assertFalse(assertAgrees(reference, keys, new Case(new byte[48], aliased, aliased, false),
                        what + ", r = x + p - n"));
            }
            for (int round = 0; round < 4; round++) {
                Case c = reference.withProducts(BigInteger.valueOf(round + 1), scalar(random), BigInteger.ONE);
                assertTrue(assertAgrees(reference, keys, c, what + ", round " + round));
            }
        }
    }

    @Test
    @DisplayName("an encoded x or y at or above p is refused even when it is a valid coordinate plus p; x = 0 and the"
            + " compressed forms decode to Bouncy Castle's points")
    void coordinatesAtOrAboveP() {
        for (ECPoint point : pointsWithX(BigInteger.ZERO, BigInteger.ONE)) {
            BigInteger x = point.getAffineXCoord().toBigInteger();
            assertTrue(x.add(P).compareTo(TWO_384) < 0, "x + p still fits 48 bytes");
            for (boolean compressed : new boolean[] {true, false}) {
                byte[] encoded = point.getEncoded(compressed);
                assertArrayEquals(point.getEncoded(false), P384PublicKey.fromEncodedPoint(encoded).encoded());
                System.arraycopy(fixed48(x.add(P)), 0, encoded, 1, 48);
                IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                        () -> P384PublicKey.fromEncodedPoint(encoded), "x + p, compressed " + compressed);
                assertTrue(refused.getMessage().contains("x is not below the field prime"), refused.getMessage());
            }
        }
        byte[] yAtP = G.getEncoded(false);
        System.arraycopy(fixed48(P), 0, yAtP, 49, 48);
        assertThrows(IllegalArgumentException.class, () -> P384PublicKey.fromEncodedPoint(yAtP));
        byte[] allOnes = G.getEncoded(false);
        java.util.Arrays.fill(allOnes, 1, 97, (byte) 0xff);
        assertThrows(IllegalArgumentException.class, () -> P384PublicKey.fromEncodedPoint(allOnes));
        for (byte form : new byte[] {0x00, 0x01, 0x05, 0x06, 0x07, (byte) 0x84}) {
            byte[] encoded = G.getEncoded(false);
            encoded[0] = form;
            assertThrows(IllegalArgumentException.class, () -> P384PublicKey.fromEncodedPoint(encoded));
        }
    }

    /** Both points with the first x on the curve from {@code start} on, stepping by {@code step}. */
    private static List<ECPoint> pointsWithX(BigInteger start, BigInteger step) {
        for (BigInteger x = start; ; x = x.add(step)) {
            BigInteger right = x.pow(3).subtract(x.multiply(BigInteger.valueOf(3)))
                    .add(CURVE.getB().toBigInteger()).mod(P);
            BigInteger y = right.modPow(P.add(BigInteger.ONE).shiftRight(2), P);
            if (y.multiply(y).mod(P).equals(right)) {
                return List.of(CURVE.createPoint(x, y), CURVE.createPoint(x, P.subtract(y)));
            }
        }
    }

    /** Asserts that each key gives Bouncy Castle's verdict, and that it is the one the case was built for. */
    private static boolean assertAgrees(EcdsaReference reference, List<P384PublicKey> keys, Case c, String what) {
        boolean expected = reference.verifies(c.digest(), c.r(), c.s());
        String message = what + ": r=" + c.r().toString(16) + " s=" + c.s().toString(16);
        assertEquals(c.valid(), expected, () -> "the case itself is wrong, " + message);
        for (P384PublicKey key : keys) {
            String path = key.hasSplitTables() ? "split tables, " : "first use, ";
            assertEquals(expected, key.verifyDigest(c.digest(), c.r(), c.s()), () -> path + message);
        }
        return expected;
    }

    private static void assertReduced(BigInteger expected, int[] actual, BigInteger a, String operation,
            BigInteger b) {
        for (int limb : actual) {
            assertTrue(limb >= 0 && limb < 1 << 24, () -> "a limb out of range: " + a.toString(16) + " " + operation
                    + " " + b.toString(16));
        }
        assertEquals(expected, P384Field.toBigInteger(actual), () -> a.toString(16) + " " + operation + " "
                + b.toString(16));
    }
}
