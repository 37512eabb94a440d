package dev.nitroattest.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EcKeyPairTest {
    private static final byte[] MESSAGE = "attest me".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(EcCurve.class)
    void theSameSeedGivesTheSameKeyAndSignatures(EcCurve curve) {
        EcKeyPair a = EcKeyPair.derive(curve, "seed");
        EcKeyPair b = EcKeyPair.derive(curve, "seed");
        assertEquals(a, b);
        assertArrayEquals(a.publicKeyUncompressed(), b.publicKeyUncompressed());
        assertArrayEquals(a.signRaw(MESSAGE), b.signRaw(MESSAGE));
        assertNotEquals(a, EcKeyPair.derive(curve, "seed2"));
    }

    @ParameterizedTest
    @EnumSource(EcCurve.class)
    void theScalarIsInRangeAndThePublicKeyHasTheCurvesShape(EcCurve curve) {
        EcKeyPair key = EcKeyPair.derive(curve, "range");
        assertTrue(key.privateScalar().signum() > 0);
        assertTrue(key.privateScalar().compareTo(curve.order()) < 0);
        byte[] point = key.publicKeyUncompressed();
        assertEquals(0x04, point[0]);
        assertEquals(1 + 2 * curve.coordinateLength(), point.length);
    }

    @ParameterizedTest
    @EnumSource(EcCurve.class)
    void rawSignaturesVerifyWithTheJdk(EcCurve curve) {
        EcKeyPair key = EcKeyPair.derive(curve, "jdk");
        byte[] signature = key.signRaw(MESSAGE);
        assertEquals(2 * curve.coordinateLength(), signature.length);
        String algorithm = curve.hashName().replace("-", "") + "withECDSAinP1363Format";
        assertTrue(TestDocuments.verifyP1363(algorithm, TestDocuments.publicKey(key), MESSAGE, signature));
        assertFalse(TestDocuments.verifyP1363(algorithm, TestDocuments.publicKey(key), new byte[1], signature));
    }

    @ParameterizedTest
    @EnumSource(value = EcCurve.class)
    void derSignaturesVerifyWithTheJdkForEachHash(EcCurve curve) {
        EcKeyPair key = EcKeyPair.derive(curve, "der");
        for (String hash : new String[] {"SHA-256", "SHA-384", "SHA-512"}) {
            byte[] signature = key.signDer(MESSAGE, hash);
            assertEquals(0x30, signature[0]);
            String algorithm = hash.replace("-", "") + "withECDSA";
            assertTrue(TestDocuments.verifyP1363(algorithm, TestDocuments.publicKey(key), MESSAGE, signature), hash);
        }
    }

    @Test
    void signDigestIsRfc6979DeterministicAndInRange() {
        EcKeyPair key = EcKeyPair.derive(EcCurve.P384, "digest");
        byte[] digest = new byte[48];
        BigInteger[] first = key.signDigest(digest);
        BigInteger[] second = key.signDigest(digest);
        assertArrayEquals(first, second);
        for (BigInteger value : first) {
            assertTrue(value.signum() > 0 && value.compareTo(EcCurve.P384.order()) < 0);
        }
    }

    @Test
    void theSubjectPublicKeyInfoNamesTheCurve() {
        EcKeyPair key = EcKeyPair.derive(EcCurve.P384, "spki");
        ECPublicKey jdkKey = (ECPublicKey) TestDocuments.publicKey(key);
        assertEquals(384, jdkKey.getParams().getCurve().getField().getFieldSize());
        assertEquals(new BigInteger(1, Arrays.copyOfRange(key.publicKeyUncompressed(), 1, 49)),
                jdkKey.getW().getAffineX());
    }

    @Test
    void toStringHidesThePrivateScalar() {
        EcKeyPair key = EcKeyPair.derive(EcCurve.P256, "secret");
        assertFalse(key.toString().contains(key.privateScalar().toString(16)));
        assertFalse(key.toString().contains(key.privateScalar().toString()));
    }

    @Test
    void aKeyOfOnesOwnScalarIsTheSameKeyAndKnowsItsPublicPointInEitherForm() {
        EcKeyPair derived = EcKeyPair.derive(EcCurve.P384, "own scalar");
        EcKeyPair own = EcKeyPair.of(EcCurve.P384, derived.privateScalar());
        assertEquals(derived, own);
        byte[] uncompressed = own.publicKeyUncompressed();
        byte[] compressed = new byte[49];
        compressed[0] = (byte) (2 + (uncompressed[96] & 1));
        System.arraycopy(uncompressed, 1, compressed, 1, 48);
        assertTrue(own.hasPublicKey(uncompressed));
        assertTrue(own.hasPublicKey(compressed));
        assertFalse(
                own.hasPublicKey(EcKeyPair.derive(EcCurve.P384, "another").publicKeyUncompressed()));
        assertFalse(own.hasPublicKey(new byte[] {4, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> EcKeyPair.of(EcCurve.P384, BigInteger.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> EcKeyPair.of(EcCurve.P384, EcCurve.P384.order()));
    }
}
