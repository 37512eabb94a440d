package dev.nitroattest.kms.emulated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.secrets.SecretRefusal;
import dev.nitroattest.secrets.SecretRefusedException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The KMS-shaped recipient in process: what it releases, to whom, in which bytes, and what it refuses as KMS does. */
class EmulatedKmsTest {
    private static final byte[] SECRET = "the database password".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> CONTEXT = Map.of("purpose", "tests");
    /** How KMS's CiphertextForRecipient begins: BER ContentInfo, id-envelopedData, [0], EnvelopedData version 2. */
    private static final byte[] KMS_ENVELOPE_START = HexFormat.of()
            .parseHex("3080" + "06092a864886f70d010703" + "a080" + "3080" + "020102");

    private static Enclave enclave;
    private static Enclave otherImage;
    private static EmulatedKms kms;

    @BeforeAll
    static void start() throws Exception {
        enclave = new Enclave(1);
        otherImage = new Enclave(2);
        kms = EmulatedKms.builder(enclave.root())
                .key("alias/app", RecipientConditions.none().imageSha384(enclave.pcrHex(0)))
                .key("alias/app-pcrs", RecipientConditions.none().pcr(0, enclave.pcrHex(0)).pcr(1, enclave.pcrHex(1))
                        .pcr(2, enclave.pcrHex(2)))
                .key("alias/open", RecipientConditions.none())
                .build();
    }

    @AfterAll
    static void stop() {
        enclave.close();
        otherImage.close();
    }

    private static byte[] encrypted(String alias) throws KmsErrorException {
        return kms.encrypt(alias, SECRET, CONTEXT).ciphertextBlob().orElseThrow().toByteArray();
    }

    private static Optional<Recipient> recipient(byte[] document) {
        return Optional.of(Recipient.of(document));
    }

    @Test
    void decryptReleasesToTheImageThePolicyNamesSealedInKmsFormat() throws Exception {
        for (String alias : new String[] {"alias/app", "alias/app-pcrs"}) {
            Released released = kms.decrypt(encrypted(alias), Optional.of(alias), CONTEXT,
                    recipient(enclave.document()));
            assertTrue(released.plaintext().isEmpty(), "KMS answers a recipient without the plaintext");
            byte[] sealed = released.ciphertextForRecipient().orElseThrow().toByteArray();
            assertArrayEquals(KMS_ENVELOPE_START, Arrays.copyOf(sealed, KMS_ENVELOPE_START.length));
            assertArrayEquals(SECRET, Enclave.KEY.open(sealed));
            assertEquals(kms.keyArn(alias), released.keyArn().orElseThrow());
        }
    }

    @Test
    void anotherImageIsDeniedByEachCondition() throws Exception {
        byte[] document = otherImage.document();
        KmsErrorException image = assertThrows(KmsErrorException.class, () -> kms.decrypt(encrypted("alias/app"),
                Optional.empty(), CONTEXT, recipient(document)));
        assertEquals(KmsError.ACCESS_DENIED, image.error());
        assertTrue(image.getMessage().contains("kms:RecipientAttestation:ImageSha384 is not met: the document has "
                + otherImage.pcrHex(0)), image.getMessage());
        KmsErrorException pcrs = assertThrows(KmsErrorException.class, () -> kms.decrypt(encrypted("alias/app-pcrs"),
                Optional.empty(), CONTEXT, recipient(document)));
        assertEquals(KmsError.ACCESS_DENIED, pcrs.error());
        assertTrue(pcrs.getMessage().contains("kms:RecipientAttestation:PCR0 is not met"), pcrs.getMessage());
    }

    @Test
    void oneDifferingPcrIsEnoughToBeDenied() throws Exception {
        EmulatedKms strict = EmulatedKms.builder(enclave.root()).key("alias/k", RecipientConditions.none()
                .pcr(0, enclave.pcrHex(0)).pcr(1, otherImage.pcrHex(1))).build();
        byte[] blob = strict.encrypt("alias/k", SECRET, Map.of()).ciphertextBlob().orElseThrow().toByteArray();
        KmsErrorException denied = assertThrows(KmsErrorException.class, () -> strict.decrypt(blob, Optional.empty(),
                Map.of(), recipient(enclave.document())));
        assertEquals(KmsError.ACCESS_DENIED, denied.error());
        assertTrue(denied.getMessage().contains("PCR1 is not met"), denied.getMessage());
    }

    @Test
    void conditionsCompareHexWithoutRegardToCase() throws Exception {
        EmulatedKms upper = EmulatedKms.builder(enclave.root()).key("alias/k", RecipientConditions.none()
                .imageSha384(enclave.pcrHex(0).toUpperCase(java.util.Locale.ROOT))).build();
        byte[] blob = upper.encrypt("alias/k", SECRET, Map.of()).ciphertextBlob().orElseThrow().toByteArray();
        Released released = upper.decrypt(blob, Optional.empty(), Map.of(), recipient(enclave.document()));
        assertArrayEquals(SECRET, Enclave.KEY.open(released.ciphertextForRecipient().orElseThrow().toByteArray()));
    }

    @Test
    void aKeyWithConditionsReleasesNothingWithoutARecipient() throws Exception {
        KmsErrorException denied = assertThrows(KmsErrorException.class, () -> kms.decrypt(encrypted("alias/app"),
                Optional.empty(), CONTEXT, Optional.empty()));
        assertEquals(KmsError.ACCESS_DENIED, denied.error());
        assertTrue(denied.getMessage().contains("no attestation document"), denied.getMessage());
        assertEquals(KmsError.ACCESS_DENIED, assertThrows(KmsErrorException.class, () -> kms.generateDataKey(
                "alias/app", 32, Map.of(), Optional.empty())).error());
    }

    @Test
    void aKeyWithoutConditionsReleasesThePlaintextWithoutARecipientAndSealsItWithOne() throws Exception {
        Released plain = kms.decrypt(encrypted("alias/open"), Optional.empty(), CONTEXT, Optional.empty());
        assertEquals(Bytes.of(SECRET), plain.plaintext().orElseThrow());
        assertTrue(plain.ciphertextForRecipient().isEmpty());
        Released sealed = kms.decrypt(encrypted("alias/open"), Optional.empty(), CONTEXT,
                recipient(otherImage.document()));
        assertArrayEquals(SECRET, Enclave.KEY.open(sealed.ciphertextForRecipient().orElseThrow().toByteArray()));
    }

    @Test
    void generateDataKeyGivesTheBlobAndTheSameKeySealedToTheRecipient() throws Exception {
        Released dataKey = kms.generateDataKey("alias/app", 32, CONTEXT, recipient(enclave.document()));
        assertTrue(dataKey.plaintext().isEmpty());
        byte[] opened = Enclave.KEY.open(dataKey.ciphertextForRecipient().orElseThrow().toByteArray());
        assertEquals(32, opened.length);
        Released again = kms.decrypt(dataKey.ciphertextBlob().orElseThrow().toByteArray(), Optional.of("alias/app"),
                CONTEXT, recipient(enclave.document()));
        assertArrayEquals(opened, Enclave.KEY.open(again.ciphertextForRecipient().orElseThrow().toByteArray()));
    }

    @Test
    void generateRandomIsSealedToAnyVerifiedRecipient() throws Exception {
        Released random = kms.generateRandom(1024, recipient(otherImage.document()));
        assertTrue(random.keyArn().isEmpty());
        assertEquals(1024, Enclave.KEY.open(random.ciphertextForRecipient().orElseThrow().toByteArray()).length);
        assertEquals(KmsError.VALIDATION, assertThrows(KmsErrorException.class,
                () -> kms.generateRandom(1025, Optional.empty())).error());
        assertEquals(KmsError.VALIDATION, assertThrows(KmsErrorException.class,
                () -> kms.generateRandom(1, recipient(new byte[] {1, 2, 3}))).error());
    }

    @Test
    void documentsThatDoNotVerifyAreValidationErrors() throws Exception {
        byte[] blob = encrypted("alias/open");
        byte[] tampered = enclave.document();
        tampered[tampered.length - 10] ^= 1;
        KmsErrorException signature = assertThrows(KmsErrorException.class, () -> kms.decrypt(blob, Optional.empty(),
                CONTEXT, recipient(tampered)));
        assertEquals(KmsError.VALIDATION, signature.error());
        assertTrue(signature.getMessage().startsWith("The attestation document is not valid ("),
                signature.getMessage());
        try (Enclave stranger = Enclave.underAnotherRoot()) {
            KmsErrorException untrusted = assertThrows(KmsErrorException.class, () -> kms.decrypt(blob,
                    Optional.empty(), CONTEXT, recipient(stranger.document())));
            assertEquals(KmsError.VALIDATION, untrusted.error());
            assertTrue(untrusted.getMessage().contains("UNTRUSTED"), untrusted.getMessage());
        }
    }

    @Test
    void aDocumentOlderThanTheLimitIsRefused() throws Exception {
        Instant signed = Instant.now();
        try (Enclave past = new Enclave(1, Clock.fixed(signed, ZoneOffset.UTC))) {
            byte[] document = past.document();
            for (long minutes : new long[] {4, 6}) {
                EmulatedKms later = EmulatedKms.builder(past.root()).key("alias/k", RecipientConditions.none())
                        .clock(Clock.fixed(signed.plus(Duration.ofMinutes(minutes)), ZoneOffset.UTC)).build();
                byte[] blob = later.encrypt("alias/k", SECRET, Map.of()).ciphertextBlob().orElseThrow()
                        .toByteArray();
                if (minutes < 5) {
                    assertTrue(later.decrypt(blob, Optional.empty(), Map.of(), recipient(document))
                            .ciphertextForRecipient().isPresent());
                } else {
                    KmsErrorException stale = assertThrows(KmsErrorException.class, () -> later.decrypt(blob,
                            Optional.empty(), Map.of(), recipient(document)));
                    assertEquals(KmsError.VALIDATION, stale.error());
                }
            }
        }
    }

    @Test
    void theRecipientMustUseKmsAlgorithmAndCarryAnRsaKey() throws Exception {
        byte[] blob = encrypted("alias/open");
        byte[] document = enclave.document();
        KmsErrorException algorithm = assertThrows(KmsErrorException.class, () -> kms.decrypt(blob, Optional.empty(),
                CONTEXT, Optional.of(new Recipient(document, "RSAES_OAEP_SHA_1"))));
        assertEquals(KmsError.VALIDATION, algorithm.error());
        byte[] withoutKey = enclave.documentWithoutKey();
        assertEquals(KmsError.VALIDATION, assertThrows(KmsErrorException.class, () -> kms.decrypt(blob,
                Optional.empty(), CONTEXT, recipient(withoutKey))).error());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        byte[] ecKey = generator.generateKeyPair().getPublic().getEncoded();
        KmsErrorException ec = assertThrows(KmsErrorException.class, () -> kms.decrypt(blob, Optional.empty(),
                CONTEXT, recipient(enclave.document(ecKey))));
        assertEquals(KmsError.VALIDATION, ec.error());
        assertTrue(ec.getMessage().contains("public_key cannot be sealed to"), ec.getMessage());
    }

    @Test
    void ciphertextsAreBoundToTheirKeyContextAndBytes() throws Exception {
        byte[] blob = encrypted("alias/open");
        assertEquals(KmsError.INVALID_CIPHERTEXT, assertThrows(KmsErrorException.class, () -> kms.decrypt(blob,
                Optional.empty(), Map.of("purpose", "other"), Optional.empty())).error());
        assertEquals(KmsError.INCORRECT_KEY, assertThrows(KmsErrorException.class, () -> kms.decrypt(blob,
                Optional.of("alias/app"), CONTEXT, Optional.empty())).error());
        assertEquals(KmsError.NOT_FOUND, assertThrows(KmsErrorException.class, () -> kms.decrypt(blob,
                Optional.of("alias/none"), CONTEXT, Optional.empty())).error());
        for (int i = 0; i < blob.length; i++) {
            byte[] damaged = blob.clone();
            damaged[i] ^= 0x01;
            KmsErrorException refused = assertThrows(KmsErrorException.class, () -> kms.decrypt(damaged,
                    Optional.empty(), CONTEXT, Optional.empty()), "byte " + i);
            assertEquals(KmsError.INVALID_CIPHERTEXT, refused.error(), "byte " + i);
        }
        for (int length = 0; length < blob.length; length++) {
            byte[] truncated = Arrays.copyOf(blob, length);
            assertEquals(KmsError.INVALID_CIPHERTEXT, assertThrows(KmsErrorException.class, () -> kms.decrypt(
                    truncated, Optional.empty(), CONTEXT, Optional.empty())).error(), "length " + length);
        }
        EmulatedKms another = EmulatedKms.builder(enclave.root()).key("alias/open", RecipientConditions.none())
                .build();
        assertEquals(KmsError.INVALID_CIPHERTEXT, assertThrows(KmsErrorException.class, () -> another.decrypt(blob,
                Optional.empty(), CONTEXT, Optional.empty())).error());
    }

    @Test
    void keysAreFoundByAliasArnIdAndAliasArn() throws Exception {
        String arn = kms.keyArn("alias/app");
        assertTrue(arn.matches("arn:aws:kms:us-east-1:111122223333:key/[0-9a-f-]{36}"), arn);
        String id = arn.substring(arn.lastIndexOf('/') + 1);
        assertEquals(arn, kms.keyArn(id));
        assertEquals(arn, kms.keyArn(arn));
        assertEquals(arn, kms.keyArn("arn:aws:kms:us-east-1:111122223333:alias/app"));
        KmsErrorException missing = assertThrows(KmsErrorException.class, () -> kms.keyArn("alias/none"));
        assertEquals("There is no key alias/none; this KMS has alias/app, alias/app-pcrs, alias/open.",
                missing.getMessage());
    }

    @Test
    void aKeyWithoutAnImageConditionReleasesToADebugEnclaveAsKmsWould() throws Exception {
        // A debug enclave's PCR0, 1 and 2 are zero: only a condition on them keeps it out, at KMS as here.
        try (Enclave debug = Enclave.debug()) {
            EmulatedKms lax = EmulatedKms.builder(debug.root()).key("alias/pcr3-only", RecipientConditions.none()
                    .pcr(3, "00".repeat(48))).key("alias/image", RecipientConditions.none()
                    .imageSha384(enclave.pcrHex(0))).build();
            byte[] blob = lax.encrypt("alias/pcr3-only", SECRET, Map.of()).ciphertextBlob().orElseThrow()
                    .toByteArray();
            Released released = lax.decrypt(blob, Optional.empty(), Map.of(), recipient(debug.document()));
            assertArrayEquals(SECRET, Enclave.KEY.open(released.ciphertextForRecipient().orElseThrow()
                    .toByteArray()));
            byte[] imageBlob = lax.encrypt("alias/image", SECRET, Map.of()).ciphertextBlob().orElseThrow()
                    .toByteArray();
            assertEquals(KmsError.ACCESS_DENIED, assertThrows(KmsErrorException.class, () -> lax.decrypt(imageBlob,
                    Optional.empty(), Map.of(), recipient(debug.document()))).error());
        }
    }

    @Test
    void anEnvelopeForAnotherKeyDoesNotOpen() throws Exception {
        Released released = kms.decrypt(encrypted("alias/open"), Optional.empty(), CONTEXT,
                recipient(enclave.document(dev.nitroattest.secrets.RecipientKey.generate().publicKey()
                        .toByteArray())));
        SecretRefusedException refused = assertThrows(SecretRefusedException.class, () -> Enclave.KEY.open(
                released.ciphertextForRecipient().orElseThrow().toByteArray()));
        assertEquals(SecretRefusal.WRONG_RECIPIENT, refused.reason());
        assertFalse(released.plaintext().isPresent());
    }

    @Test
    void plaintextsOutsideKmsLimitsAreRefused() {
        assertEquals(KmsError.VALIDATION, assertThrows(KmsErrorException.class,
                () -> kms.encrypt("alias/open", new byte[0], Map.of())).error());
        assertEquals(KmsError.VALIDATION, assertThrows(KmsErrorException.class,
                () -> kms.encrypt("alias/open", new byte[4097], Map.of())).error());
    }
}
