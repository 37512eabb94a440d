package dev.nitroattest.attestation.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The in-place ECDSA P-384 verification agrees with Bouncy Castle's ECDSASigner on valid, altered and
 * random signatures, on a key's first use and on later uses (which take the precomputed-table path), and
 * on the corner cases a hostile signature can reach: u1 = 0, and u1 G + u2 Q at infinity.
 */
@DisplayName("ECDSA P-384 verification")
class P384PublicKeyTest {
    private static final BigInteger N = P384.N;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    @DisplayName("agrees with Bouncy Castle on valid, altered and random signatures, first use and reuse")
    void agreesWithBouncyCastle(long seed) {
        Random random = new Random(seed);
        BigInteger privateKey = new BigInteger(384, random).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        ECPoint publicPoint = P384.DOMAIN.getG().multiply(privateKey).normalize();
        ECDSASigner signer = new ECDSASigner();
        signer.init(true, new org.bouncycastle.crypto.params.ParametersWithRandom(
                new ECPrivateKeyParameters(privateKey, P384.DOMAIN), new java.security.SecureRandom()));
        ECDSASigner reference = new ECDSASigner();
        reference.init(false, new ECPublicKeyParameters(publicPoint, P384.DOMAIN));
        P384PublicKey key = P384PublicKey.fromEncodedPoint(publicPoint.getEncoded(seed % 2 == 0));

        for (int round = 0; round < 6; round++) {
            byte[] digest = new byte[48];
            random.nextBytes(digest);
            BigInteger[] signature = signer.generateSignature(digest);
            BigInteger r = signature[0];
            BigInteger s = signature[1];
            assertTrue(key.verifyDigest(digest, r, s));
            assertTrue(key.verifyDigest(digest, r, N.subtract(s)), "the high/low-S twin is valid too");
            assertCase(key, reference, digest, r.add(BigInteger.ONE).mod(N), s);
            assertCase(key, reference, digest, r, s.add(BigInteger.ONE).mod(N));
            assertCase(key, reference, digest, s, r);
            byte[] other = digest.clone();
            other[random.nextInt(48)] ^= (byte) (1 << random.nextInt(8));
            assertCase(key, reference, other, r, s);
            assertCase(key, reference, digest, new BigInteger(384, random).mod(N), new BigInteger(384, random).mod(N));
        }
    }

    @Test
    @DisplayName("a digest congruent to zero (u1 = 0) verifies when the signature is valid for it")
    void zeroDigest() {
        BigInteger privateKey = BigInteger.valueOf(123456789);
        ECPoint publicPoint = P384.DOMAIN.getG().multiply(privateKey).normalize();
        byte[] digest = fixed48(N);
        ECDSASigner signer = new ECDSASigner();
        signer.init(true, new org.bouncycastle.crypto.params.ParametersWithRandom(
                new ECPrivateKeyParameters(privateKey, P384.DOMAIN), new java.security.SecureRandom()));
        BigInteger[] signature = signer.generateSignature(digest);
        P384PublicKey key = P384PublicKey.fromEncodedPoint(publicPoint.getEncoded(false));
        for (int use = 0; use < 3; use++) {
            assertTrue(key.verifyDigest(digest, signature[0], signature[1]));
        }
    }

    @Test
    @DisplayName("u1 G + u2 Q at infinity is rejected, on first use and reuse")
    void sumAtInfinity() {
        // Q = G (private key 1): u1 + u2 = (e + r) / s = 0 when e = n - r, so the sum is the point at infinity.
        P384PublicKey key = P384PublicKey.fromEncodedPoint(P384.DOMAIN.getG().getEncoded(false));
        BigInteger r = new BigInteger("1234567890123456789012345678901234567890");
        byte[] digest = fixed48(N.subtract(r));
        for (int use = 0; use < 3; use++) {
            assertFalse(key.verifyDigest(digest, r, BigInteger.valueOf(7)));
        }
    }

    @Test
    @DisplayName("components outside [1, n-1] are rejected before any arithmetic")
    void componentRange() {
        P384PublicKey key = P384PublicKey.fromEncodedPoint(P384.DOMAIN.getG().getEncoded(false));
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
        byte[] encoded = P384.DOMAIN.getG().getEncoded(false);
        encoded[96] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> P384PublicKey.fromEncodedPoint(encoded));
        assertThrows(IllegalArgumentException.class, () -> P384PublicKey.fromEncodedPoint(new byte[] {0}));
        assertThrows(IllegalArgumentException.class, () -> P384PublicKey.fromEncodedPoint(new byte[97]));
        byte[] compressed = P384.DOMAIN.getG().getEncoded(true);
        assertEquals(0, Arrays.compare(P384.DOMAIN.getG().getEncoded(false),
                P384PublicKey.fromEncodedPoint(compressed).encoded()));
    }

    private static void assertCase(P384PublicKey key, ECDSASigner reference, byte[] digest, BigInteger r, BigInteger s) {
        boolean expected = r.signum() > 0 && s.signum() > 0 && reference.verifySignature(digest, r, s);
        assertEquals(expected, key.verifyDigest(digest, r, s));
    }

    private static byte[] fixed48(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[48];
        int length = Math.min(raw.length, 48);
        System.arraycopy(raw, raw.length - length, out, 48 - length, length);
        return out;
    }
}
