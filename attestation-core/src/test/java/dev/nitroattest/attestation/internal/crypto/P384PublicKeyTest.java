package dev.nitroattest.attestation.internal.crypto;

import static dev.nitroattest.attestation.internal.crypto.EcdsaReference.G;
import static dev.nitroattest.attestation.internal.crypto.EcdsaReference.N;
import static dev.nitroattest.attestation.internal.crypto.EcdsaReference.fixed48;
import static dev.nitroattest.attestation.internal.crypto.EcdsaReference.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.internal.crypto.EcdsaReference.Case;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The in-place ECDSA P-384 verification agrees with Bouncy Castle's ECDSASigner, case by case, on both of its
 * paths: a key's first uses (one chain of doublings with a small table) and later uses (split tables). Every
 * run is seeded, so a failure names its seed and reproduces. Besides valid, altered and random signatures, the
 * cases include signatures built for chosen u1 and u2, so that u1 G + u2 Q (or a partial sum on the way) meets
 * the addition's exceptional cases: equal points, which must be doubled, and opposite points, which give the
 * point at infinity.
 */
@DisplayName("ECDSA P-384 verification")
class P384PublicKeyTest {
    private static final int ROUNDS = 12;
    /** Where the split path adds 2^336 Q: the last addition of the last step. */
    private static final BigInteger TOP_PART = BigInteger.ONE.shiftLeft(ScalarMultiplication.SPLIT_BITS
            * (ScalarMultiplication.SPLIT_PARTS - 1));

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    @DisplayName("agrees with Bouncy Castle on valid, altered and random signatures, first use and reuse")
    void agreesWithBouncyCastle(long seed) {
        Random random = new Random(seed);
        BigInteger d = scalar(random);
        EcdsaReference reference = EcdsaReference.ofPrivateKey(d);
        P384PublicKey reused = reference.reusedKey();
        int valid = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] digest = new byte[48];
            random.nextBytes(digest);
            BigInteger[] signature = EcdsaReference.sign(d, scalar(random), digest);
            BigInteger[] other = EcdsaReference.sign(d, scalar(random), digest(random));
            assertNotNull(signature);
            assertNotNull(other);
            BigInteger r = signature[0];
            BigInteger s = signature[1];
            byte[] flipped = digest.clone();
            flipped[random.nextInt(48)] ^= (byte) (1 << random.nextInt(8));
            List<Case> cases = List.of(
                    new Case(digest, r, s, true),
                    new Case(digest, r, N.subtract(s), true),
                    new Case(digest, r.add(BigInteger.ONE).mod(N), s, false),
                    new Case(digest, r, s.add(BigInteger.ONE).mod(N), false),
                    new Case(digest, s, r, false),
                    new Case(flipped, r, s, false),
                    new Case(digest, other[0], s, false),
                    new Case(digest, r, other[1], false),
                    new Case(digest, scalar(random), scalar(random), false),
                    new Case(digest, N.subtract(BigInteger.ONE), s, false),
                    new Case(digest, r, N.subtract(BigInteger.ONE), false),
                    new Case(digest, N.subtract(BigInteger.TWO), N.subtract(BigInteger.ONE), false),
                    new Case(digest, BigInteger.ONE, s, false),
                    new Case(digest, r, BigInteger.ONE, false));
            for (Case c : cases) {
                valid += assertAgrees(reference, reused, c, seed, random.nextBoolean()) ? 1 : 0;
            }
        }
        assertTrue(valid >= 2 * ROUNDS, "the valid signatures and their twins must verify");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23, 24, 25, 26, 27, 28})
    @DisplayName("agrees where u1 G = u2 Q or u1 G = -u2 Q, and where the last addition meets the sum so far")
    void exceptionalSums(long seed) {
        Random random = new Random(seed);
        BigInteger k = scalar(random);
        EcdsaReference reference = EcdsaReference.ofPrivateKey(k);
        P384PublicKey reused = reference.reusedKey();
        List<Case> cases = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            BigInteger u2 = scalar(random);
            // u1 G = u2 Q: the sum is 2 u1 G; u1 G = -u2 Q: the sum is the point at infinity.
            cases.add(reference.withProducts(k.multiply(u2), u2, scalar(random)));
            cases.add(reference.withProducts(k.multiply(u2).negate(), u2, scalar(random)));
        }
        // The first-use path adds u2 = 1's only digit last, to an accumulator that holds u1 G = +-Q by then.
        cases.add(reference.withProducts(k, BigInteger.ONE, scalar(random)));
        cases.add(reference.withProducts(k.negate(), BigInteger.ONE, scalar(random)));
        // The split path adds 2^336 Q last (part 7, digit 0), to an accumulator that holds u1 G = +-2^336 Q.
        cases.add(reference.withProducts(k.multiply(TOP_PART), TOP_PART, scalar(random)));
        cases.add(reference.withProducts(k.multiply(TOP_PART).negate(), TOP_PART, scalar(random)));
        int valid = 0;
        for (Case c : cases) {
            assertNotNull(c);
            valid += assertAgrees(reference, reused, c, seed, random.nextBoolean()) ? 1 : 0;
        }
        assertEquals(ROUNDS + 2, valid, "every sum that is not infinity gives a valid signature");
    }

    @ParameterizedTest(name = "2^{0}")
    @ValueSource(ints = {0, 1, 7, 8, 47, 48, 100, 200, 383})
    @DisplayName("agrees when a partial sum doubles (Q = G) or reaches infinity and goes on (Q = -G) mid-way")
    void exceptionalPartialSums(int exponent) {
        BigInteger power = BigInteger.ONE.shiftLeft(exponent).mod(N);
        EcdsaReference keyG = new EcdsaReference(G);
        EcdsaReference keyMinusG = new EcdsaReference(G.negate());
        Random random = new Random(exponent);
        // Q = G, u1 = u2 = 2^j: both scalars have their only digit at j (in the same split part), so the second
        // addition meets an equal accumulator and doubles; the sum is 2^(j+1) G.
        Case doubling = keyG.withProducts(power, power, scalar(random));
        // Q = -G, u1 = 2^j + 1, u2 = 2^j (j > 0): at digit j the sum becomes infinity, and the digit at 0 restarts
        // it at G. (For j = 0 the sum is 2G - G, with no infinity on the way.)
        Case restart = keyMinusG.withProducts(power.add(BigInteger.ONE), power, scalar(random));
        // Q = -G, u1 = u2 = 2^j: the sum is infinity, reached mid-way and never left.
        Case infinity = keyMinusG.withProducts(power, power, scalar(random));
        assertTrue(assertAgrees(keyG, keyG.reusedKey(), doubling, exponent, false));
        assertTrue(assertAgrees(keyMinusG, keyMinusG.reusedKey(), restart, exponent, false));
        assertFalse(assertAgrees(keyMinusG, keyMinusG.reusedKey(), infinity, exponent, false));
    }

    @Test
    @DisplayName("x(R) is reduced modulo n: a valid signature whose R has an x between n and p verifies")
    void affineXAboveTheOrder() {
        Random random = new Random(31);
        // Find R on the curve with x = n + t, then a key Q = R - u1 G, so that u1 G + 1 Q = R.
        ECPoint sum = null;
        BigInteger t = BigInteger.ZERO;
        while (sum == null) {
            t = t.add(BigInteger.ONE);
            byte[] compressed = new byte[49];
            compressed[0] = 0x02;
            System.arraycopy(fixed48(N.add(t)), 0, compressed, 1, 48);
            try {
                sum = BcP384.NAMED.getCurve().decodePoint(compressed);
            } catch (IllegalArgumentException notOnTheCurve) {
                sum = null;
            }
        }
        BigInteger u1 = scalar(random);
        EcdsaReference reference = new EcdsaReference(sum.subtract(EcdsaReference.timesG(u1)));
        Case c = reference.withProducts(u1, BigInteger.ONE, BigInteger.ONE);
        assertEquals(t, c.r(), "r = x(R) - n");
        assertTrue(assertAgrees(reference, reference.reusedKey(), c, 31, false));
        P384PublicKey key = reference.freshKey(false);
        assertFalse(key.verifyDigest(c.digest(), N.add(t), c.s()), "the unreduced x is not below n");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {41, 42, 43, 44})
    @DisplayName("a valid (r, s) with n added to s, or to r, is refused: the same value modulo n is not in range")
    void componentsPlusTheOrder(long seed) {
        Random random = new Random(seed);
        BigInteger d = scalar(random);
        EcdsaReference reference = EcdsaReference.ofPrivateKey(d);
        byte[] digest = digest(random);
        BigInteger[] signature = EcdsaReference.sign(d, scalar(random), digest);
        assertNotNull(signature);
        for (P384PublicKey key : List.of(reference.freshKey(false), reference.reusedKey())) {
            assertTrue(key.verifyDigest(digest, signature[0], signature[1]));
            assertFalse(key.verifyDigest(digest, signature[0], signature[1].add(N)));
            assertFalse(key.verifyDigest(digest, signature[0].add(N), signature[1]));
        }
    }

    @Test
    @DisplayName("a digest congruent to zero (u1 = 0) verifies when the signature is valid for it")
    void zeroDigest() {
        BigInteger privateKey = BigInteger.valueOf(123456789);
        byte[] digest = fixed48(N);
        BigInteger[] signature = EcdsaReference.sign(privateKey, scalar(new Random(51)), digest);
        assertNotNull(signature);
        EcdsaReference reference = EcdsaReference.ofPrivateKey(privateKey);
        P384PublicKey key = reference.freshKey(false);
        for (int use = 0; use < 4; use++) {
            assertTrue(key.verifyDigest(digest, signature[0], signature[1]));
        }
        assertTrue(key.hasSplitTables());
        assertTrue(reference.verifies(digest, signature[0], signature[1]));
    }

    @Test
    @DisplayName("u1 G + u2 Q at infinity is rejected, on first use and reuse")
    void sumAtInfinity() {
        // Q = G (private key 1): u1 + u2 = (e + r) / s = 0 when e = n - r, so the sum is the point at infinity.
        P384PublicKey key = P384PublicKey.fromEncodedPoint(G.getEncoded(false));
        BigInteger r = new BigInteger("1234567890123456789012345678901234567890");
        byte[] digest = fixed48(N.subtract(r));
        for (int use = 0; use < 4; use++) {
            assertFalse(key.verifyDigest(digest, r, BigInteger.valueOf(7)));
        }
        assertTrue(key.hasSplitTables());
    }

    @Test
    @DisplayName("components outside [1, n-1] are rejected before any arithmetic")
    void componentRange() {
        P384PublicKey key = P384PublicKey.fromEncodedPoint(G.getEncoded(false));
        byte[] digest = new byte[48];
        assertFalse(key.verifyDigest(digest, BigInteger.ZERO, BigInteger.ONE));
        assertFalse(key.verifyDigest(digest, BigInteger.ONE, BigInteger.ZERO));
        assertFalse(key.verifyDigest(digest, N, BigInteger.ONE));
        assertFalse(key.verifyDigest(digest, BigInteger.ONE, N));
        assertFalse(key.verifyDigest(digest, BigInteger.ONE.negate(), BigInteger.ONE));
    }

    @Test
    @DisplayName("points that are not on the curve, or infinity, are not keys")
    void invalidPoints() {
        byte[] encoded = G.getEncoded(false);
        encoded[96] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> P384PublicKey.fromEncodedPoint(encoded));
        assertThrows(IllegalArgumentException.class, () -> P384PublicKey.fromEncodedPoint(new byte[] {0}));
        assertThrows(IllegalArgumentException.class, () -> P384PublicKey.fromEncodedPoint(new byte[97]));
        byte[] compressed = G.getEncoded(true);
        assertEquals(0, Arrays.compare(G.getEncoded(false), P384PublicKey.fromEncodedPoint(compressed).encoded()));
    }

    /**
     * Asserts that a fresh key (first-use path) and a reused key (split-table path) both give Bouncy Castle's
     * verdict, and that the verdict is the one the case was built for; returns it.
     */
    private static boolean assertAgrees(EcdsaReference reference, P384PublicKey reused, Case c, long seed,
            boolean compressed) {
        boolean expected = reference.verifies(c.digest(), c.r(), c.s());
        String message = "seed " + seed + ": r=" + c.r().toString(16) + " s=" + c.s().toString(16);
        assertEquals(c.valid(), expected, () -> "the case itself is wrong, " + message);
        P384PublicKey fresh = reference.freshKey(compressed);
        assertFalse(fresh.hasSplitTables());
        assertEquals(expected, fresh.verifyDigest(c.digest(), c.r(), c.s()), () -> "first use, " + message);
        assertTrue(reused.hasSplitTables());
        assertEquals(expected, reused.verifyDigest(c.digest(), c.r(), c.s()), () -> "reuse, " + message);
        return expected;
    }

    private static byte[] digest(Random random) {
        byte[] digest = new byte[48];
        random.nextBytes(digest);
        return digest;
    }
}
