package dev.nitroattest.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.testkit.EcCurve;
import dev.nitroattest.testkit.EcKeyPair;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * KMS's form ({@link SecretFormat#KMS}), sealed by a relying service to a verified document's key and opened in the
 * enclave; refused otherwise. The authenticated form has its own test, AuthenticatedEnvelopeTest.
 */
class SecretsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final RecipientKey enclave = Enclaves.ENCLAVE;
    private static final RecipientKey other = Enclaves.OTHER;

    private static byte[] sealedForEnclave(byte[] secret) throws Exception {
        return Enclaves.sealed(secret, SecretFormat.KMS);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 16, 999, 1000, 1001, 4096})
    void whatTheRelyingServiceSealsOnlyTheEnclaveOpens(int length) throws Exception {
        byte[] secret = new byte[length];
        Arrays.fill(secret, (byte) 0x5a);
        byte[] envelope = sealedForEnclave(secret);
        assertArrayEquals(secret, enclave.open(envelope));
        assertEquals(SecretRefusal.WRONG_RECIPIENT,
                assertThrows(SecretRefusedException.class, () -> other.open(envelope)).reason());
    }

    @Test
    void theEnvelopeIsKmsLayoutByteForByte() throws Exception {
        byte[] secret = "a database password".getBytes(StandardCharsets.UTF_8);
        String hex = HEX.formatHex(sealedForEnclave(secret));
        byte[] keyId = MessageDigest.getInstance("SHA-256").digest(enclave.publicKey().toByteArray());
        // RFC 5652 ContentInfo / EnvelopedData as KMS writes it (docs/kms-recipient-facts.md): BER, indefinite
        // lengths at five levels, version 2, one KeyTransRecipientInfo v2 with a 32-byte SKI, RSAES-OAEP-SHA-256.
        String prefix = "3080" + "06092a864886f70d010703" + "a080" + "3080" + "020102"
                + "3182016b" + "30820167" + "020102" + "8020" + HEX.formatHex(keyId)
                + "303c06092a864886f70d010107302fa00f300d06096086480165030402010500"
                + "a11c301a06092a864886f70d010108300d06096086480165030402010500"
                + "04820100";
        assertEquals(prefix, hex.substring(0, prefix.length()));
        String contentInfo = hex.substring(prefix.length() + 512);
        // EncryptedContentInfo: id-data, aes256-CBC with a 16-byte IV, [0] constructed with one 32-byte chunk.
        assertTrue(contentInfo.matches("3080" + "06092a864886f70d010701" + "301d060960864801650304012a0410[0-9a-f]{32}"
                + "a080" + "0420[0-9a-f]{64}" + "0000" + "0000" + "0000" + "0000" + "0000"), contentInfo);
    }

    /**
     * No padding oracle: in KMS's form a wrapped key that does not unwrap and content whose padding is wrong are one
     * reason with one message, so a sender who sees the refusal cannot tell them apart.
     */
    @Test
    void aDamagedWrappedKeyAndBadPaddingAreRefusedAlikeInKmsForm() throws Exception {
        byte[] envelope = sealedForEnclave("fifteen bytes!!".getBytes(StandardCharsets.US_ASCII));
        int wrappedKey = HEX.formatHex(envelope).indexOf("04820100") / 2 + 4;
        byte[] badKey = envelope.clone();
        badKey[wrappedKey + 100] ^= 1;
        SecretRefusedException keyRefused = assertThrows(SecretRefusedException.class, () -> enclave.open(badKey));
        // One block of content; its last byte is the single pad byte 0x01. The IV's last byte XORs into it: 0x01 ^
        // 0x10 is 0x11, no valid PKCS#7 padding.
        int iv = HEX.formatHex(envelope).indexOf("2a0410") / 2 + 3;
        byte[] badPadding = envelope.clone();
        badPadding[iv + 15] ^= 0x10;
        SecretRefusedException paddingRefused = assertThrows(SecretRefusedException.class,
                () -> enclave.open(badPadding));
        assertEquals(SecretRefusal.DECRYPTION_FAILED, keyRefused.reason());
        assertEquals(SecretRefusal.DECRYPTION_FAILED, paddingRefused.reason());
        assertEquals(paddingRefused.getMessage(), keyRefused.getMessage());
        assertTrue(keyRefused.getMessage().contains("stop using it and its wrapped key"), keyRefused.getMessage());
    }

    /** A wrapped key that does not unwrap is refused even when the random stand-in key happens to give good padding. */
    @Test
    void aKmsEnvelopeWhoseKeyDoesNotUnwrapNeverOpens() throws Exception {
        byte[] envelope = sealedForEnclave("fifteen bytes!!".getBytes(StandardCharsets.US_ASCII));
        int wrappedKey = HEX.formatHex(envelope).indexOf("04820100") / 2 + 4;
        for (int i = 0; i < 256; i++) {
            byte[] badKey = envelope.clone();
            badKey[wrappedKey + i] ^= 1;
            assertEquals(SecretRefusal.DECRYPTION_FAILED,
                    assertThrows(SecretRefusedException.class, () -> enclave.open(badKey)).reason());
        }
    }

    @Test
    void cbcHasNoIntegrityAFlippedIvBitOpensToAnotherSecret() throws Exception {
        // What the KMS form does not protect, shown: the IV XORs into the first block of plaintext, so flipping
        // its bits changes the secret predictably and the envelope still opens. The authenticated form refuses this.
        byte[] envelope = sealedForEnclave("pay 100 to alice".getBytes(StandardCharsets.US_ASCII));
        int iv = HEX.formatHex(envelope).indexOf("2a0410") / 2 + 3;
        byte[] altered = envelope.clone();
        altered[iv + 4] ^= '1' ^ '9';
        assertArrayEquals("pay 900 to alice".getBytes(StandardCharsets.US_ASCII), enclave.open(altered));
    }

    @Test
    void anotherAlgorithmVersionOrRecipientCountIsRefused() throws Exception {
        String hex = HEX.formatHex(sealedForEnclave(new byte[] {1, 2, 3}));
        String sha384Oaep = hex.replace("0609608648016503040201", "0609608648016503040202");
        assertRefused(SecretRefusal.UNSUPPORTED_ALGORITHM, sha384Oaep);
        String sha1Defaults = hex.replace("303c06092a864886f70d010107302fa00f300d06096086480165030402010500"
                + "a11c301a06092a864886f70d010108300d06096086480165030402010500", "300d06092a864886f70d0101073000")
                .replace("3182016b30820167", "3182013c30820138");
        assertRefused(SecretRefusal.UNSUPPORTED_ALGORITHM, sha1Defaults);
        String aes128 = hex.replace("60864801650304012a", "608648016503040102");
        assertRefused(SecretRefusal.UNSUPPORTED_ALGORITHM, aes128);
        assertRefused(SecretRefusal.UNSUPPORTED_ALGORITHM, hex.replaceFirst("3080020102", "3080020100"));
        int set = hex.indexOf("3182016b");
        String recipient = hex.substring(set + 8, set + 8 + 2 * 0x16b);
        String twoRecipients = hex.substring(0, set) + "318202d6" + recipient + recipient
                + hex.substring(set + 8 + 2 * 0x16b);
        assertRefused(SecretRefusal.NOT_ONE_RECIPIENT, twoRecipients);
        assertRefused(SecretRefusal.MALFORMED, hex + "00");
        assertRefused(SecretRefusal.MALFORMED, "30820100" + hex.substring(4));
    }

    @Test
    void everyTruncationIsATypedRefusal() throws Exception {
        byte[] envelope = sealedForEnclave("a secret".getBytes(StandardCharsets.US_ASCII));
        for (int length = 0; length < envelope.length; length++) {
            byte[] cut = Arrays.copyOf(envelope, length);
            SecretRefusedException refused = assertThrows(SecretRefusedException.class, () -> enclave.open(cut),
                    "cut at " + length);
            assertEquals(SecretRefusal.MALFORMED, refused.reason(), "cut at " + length + ": " + refused.getMessage());
        }
    }

    @Test
    // Left out of mutation runs (the "sweep" tag): everyTruncationIsATypedRefusal and the named damage tests above
    // pin its checks.
    @Tag("sweep")
    void anyDamageEndsInTheSecretOrATypedRefusal() throws Exception {
        byte[] secret = "a secret of some length, three blocks long".getBytes(StandardCharsets.US_ASCII);
        byte[] envelope = sealedForEnclave(secret);
        java.util.Random random = new java.util.Random(20261205);
        for (int i = 0; i < 2_000; i++) {
            byte[] damaged = envelope.clone();
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
            }
            try {
                enclave.open(damaged);
            } catch (SecretRefusedException refused) {
                assertTrue(refused.getMessage().startsWith(refused.reason() + ": "), refused.getMessage());
            }
        }
    }

    @Test
    void onlyAVerifiedDocumentWithAnRsaKeyIsSealedTo() throws Exception {
        SecretSealer sealer = SecretSealer.create();
        assertEquals(SecretRefusal.NO_RECIPIENT_KEY, assertThrows(SecretRefusedException.class,
                () -> sealer.seal(Enclaves.verifiedWith(null), new byte[1])).reason());
        byte[] ecKey = EcKeyPair.derive(EcCurve.P384, "not RSA").subjectPublicKeyInfo();
        assertEquals(SecretRefusal.NO_RECIPIENT_KEY, assertThrows(SecretRefusedException.class,
                () -> sealer.seal(Enclaves.verifiedWith(ecKey), new byte[1])).reason());
    }

    @Test
    void aDestroyedKeyOpensNothing() throws Exception {
        RecipientKey key = RecipientKey.generate(2048, Enclaves.seeded("short-lived"));
        key.destroy();
        assertThrows(IllegalStateException.class, () -> key.open(new byte[0]));
    }

    private static void assertRefused(SecretRefusal reason, String hex) {
        SecretRefusedException refused = assertThrows(SecretRefusedException.class,
                () -> enclave.open(HEX.parseHex(hex)));
        assertEquals(reason, refused.reason(), refused.getMessage());
    }
}
