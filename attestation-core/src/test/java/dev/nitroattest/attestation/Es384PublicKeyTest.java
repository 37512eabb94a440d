package dev.nitroattest.attestation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nitroattest.testkit.EcCurve;
import dev.nitroattest.testkit.EcKeyPair;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The ES384 primitive the API offers, and what a document's signature covers. */
class Es384PublicKeyTest {
    @Test
    void theLeafOfAVerifiedChainChecksTheDocumentsSignatureOverItsSignedBytes() throws Exception {
        AttestationVerifier verifier = Fixtures.verifier();
        AttestationDocument document = AttestationDocument.parse(Fixtures.document().build());
        VerifiedAttestation verified = verifier.verify(document, Expectations.withoutNonce());
        Es384PublicKey leaf = Es384PublicKey.of(verified.certificateChain().get(0));
        byte[] signed = document.signedBytes().toByteArray();
        byte[] signature = document.signature().toByteArray();
        assertDoesNotThrow(() -> leaf.verify(signed, signature));

        byte[] altered = signed.clone();
        altered[altered.length - 1] ^= 1;
        assertEquals("The signature is not this P-384 key's ES384 signature of the message.",
                assertThrows(InvalidSignatureException.class, () -> leaf.verify(altered, signature)).getMessage());
        assertEquals("The signature is 95 bytes long; an ES384 signature is r and s, 48 bytes each.",
                assertThrows(InvalidSignatureException.class,
                        () -> leaf.verify(signed, Arrays.copyOf(signature, 95))).getMessage());
        assertThrows(InvalidSignatureException.class, () -> leaf.verify(signed, null));
        Es384PublicKey intermediate = Es384PublicKey.of(verified.certificateChain().get(1));
        assertThrows(InvalidSignatureException.class, () -> intermediate.verify(signed, signature));
    }

    @Test
    void signedBytesAreTheSigStructureAroundThePayloadAsReceived() throws Exception {
        AttestationDocument document = AttestationDocument.parse(Fixtures.document().build());
        byte[] payload = document.payload().toByteArray();
        byte[] signed = document.signedBytes().toByteArray();
        // 84 (array of 4), 6a "Signature1", 44 a1013822 (protected header), 40 (empty external_aad), 59 + length.
        String head = "846a5369676e61747572653144a101382240"
                + "59" + HexFormat.of().toHexDigits((short) payload.length);
        assertEquals(head, HexFormat.of().formatHex(signed, 0, head.length() / 2));
        assertArrayEquals(payload, Arrays.copyOfRange(signed, head.length() / 2, signed.length));
    }

    @Test
    void aKeyOfAnEnclaveChecksWhatTheEnclaveSigned() {
        EcKeyPair enclaveKey = EcKeyPair.derive(EcCurve.P384, "an enclave's own key");
        byte[] message = "a response the enclave signed".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] signature = enclaveKey.signRaw(message);
        Es384PublicKey key = Es384PublicKey.fromEncodedPoint(enclaveKey.publicKeyUncompressed());
        assertDoesNotThrow(() -> key.verify(message, signature));
        BigInteger r = new BigInteger(1, signature, 0, 48);
        assertThrows(InvalidSignatureException.class, () -> key.verifyDigest(new byte[48], r, BigInteger.ZERO));
        InvalidSignatureException wrongLength = assertThrows(InvalidSignatureException.class,
                () -> key.verifyDigest(new byte[64], r, BigInteger.ONE));
        assertEquals("The digest is 64 bytes long; ES384 signs a SHA-384 digest of 48 bytes: pass that digest of the"
                + " message.", wrongLength.getMessage());
    }

    @Test
    void whatIsNotAP384PointIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Es384PublicKey.fromEncodedPoint(new byte[] {4, 1, 2}));
        byte[] p256 = EcKeyPair.derive(EcCurve.P256, "another curve").publicKeyUncompressed();
        assertThrows(IllegalArgumentException.class, () -> Es384PublicKey.fromEncodedPoint(p256));
    }
}
