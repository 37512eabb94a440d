package dev.nitroattest.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.VerifiedAttestation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The authenticated form ({@link SecretFormat#AUTHENTICATED}): CMS AuthEnvelopedData with AES-256-GCM in DER. It
 * opens to exactly what was sealed or is refused: every altered byte, every truncation, every variant of the profile.
 */
class AuthenticatedEnvelopeTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final RecipientKey enclave = Enclaves.ENCLAVE;
    private static final String ID_AUTH_ENVELOPED_DATA = "060b2a864886f70d0109100117";
    private static final String ID_DATA = "06092a864886f70d010701";
    private static final String ID_AES256_GCM = "060960864801650304012e";
    private static final String ID_AES128_GCM = "0609608648016503040106";
    private static final String RSAES_OAEP_SHA256 = "303c06092a864886f70d010107302fa00f300d06096086480165030402010500"
            + "a11c301a06092a864886f70d010108300d06096086480165030402010500";
    private static final byte[] SECRET = "a database password".getBytes(StandardCharsets.US_ASCII);
    private static VerifiedAttestation verified;
    private static byte[] sample;

    @BeforeAll
    static void sample() throws Exception {
        verified = Enclaves.verifiedWith(enclave.publicKey().toByteArray());
        sample = Enclaves.sealed(SECRET, SecretFormat.AUTHENTICATED);
    }

    @Test
    // Left out of mutation runs (the "sweep" tag): secretsAroundEachLengthFormChangeOpenAsSealed pins its checks.
    @Tag("sweep")
    void everySecretFromEmptyTo4096BytesOpensAsSealed() throws Exception {
        SecretSealer sealer = SecretSealer.withRandom(Enclaves.seeded("lengths"));
        Random filler = new Random(4096);
        for (int length = 0; length <= 4096; length++) {
            byte[] secret = new byte[length];
            filler.nextBytes(secret);
            byte[] envelope = sealer.seal(verified, secret);
            assertArrayEquals(secret, enclave.openAuthenticated(envelope), "length " + length);
            if (length % 512 == 0) {
                assertArrayEquals(secret, enclave.open(envelope), "length " + length);
                assertEquals(SecretRefusal.WRONG_RECIPIENT, refusal(Enclaves.OTHER, envelope));
            }
        }
    }

    /**
     * The lengths where a length head of the envelope changes form: the ciphertext's at 128 and 256 bytes, the
     * EncryptedContentInfo's (the ciphertext and about 43 bytes) at about 86 and 213; every length from 80 to 260,
     * and the empty and the largest secret. The sweep above tries every length; this is the part mutation runs keep.
     */
    @Test
    void secretsAroundEachLengthFormChangeOpenAsSealed() throws Exception {
        SecretSealer sealer = SecretSealer.withRandom(Enclaves.seeded("length forms"));
        Random filler = new Random(260);
        List<Integer> lengths = new ArrayList<>(List.of(0, 4096));
        for (int length = 80; length <= 260; length++) {
            lengths.add(length);
        }
        for (int length : lengths) {
            byte[] secret = new byte[length];
            filler.nextBytes(secret);
            assertArrayEquals(secret, enclave.openAuthenticated(sealer.seal(verified, secret)), "length " + length);
        }
    }

    @Test
    void sealingDefaultsToTheAuthenticatedFormAndWritesKmsFormOnlyWhenAsked() throws Exception {
        SecretSealer sealer = SecretSealer.withRandom(Enclaves.seeded("defaults"));
        String byDefault = HEX.formatHex(sealer.seal(verified, SECRET));
        assertTrue(byDefault.startsWith("308201db" + ID_AUTH_ENVELOPED_DATA), byDefault);
        byte[] kms = sealer.seal(verified, SECRET, SecretFormat.KMS);
        assertTrue(HEX.formatHex(kms).startsWith("3080" + "06092a864886f70d010703"));
        assertArrayEquals(SECRET, enclave.open(kms));
    }

    @Test
    void theLayoutIsTheHandWrittenDerByteForByte() throws Exception {
        // A scripted random source: the content key is 00..1f and the nonce 20..2b (the order the sealer draws them),
        // so the ciphertext and tag can be computed here with the JDK's own AES-GCM, not Bouncy Castle's.
        byte[] envelope = SecretSealer.withRandom(new CountingRandom()).seal(verified, SECRET);
        byte[] contentKey = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] nonce = HEX.parseHex("202122232425262728292a2b");
        Cipher jdkGcm = Cipher.getInstance("AES/GCM/NoPadding");
        jdkGcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(contentKey, "AES"), new GCMParameterSpec(128, nonce));
        String sealed = HEX.formatHex(jdkGcm.doFinal(SECRET));
        String ciphertext = sealed.substring(0, 2 * SECRET.length);
        String tag = sealed.substring(2 * SECRET.length);
        String keyId = HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(enclave.publicKey().toByteArray()));
        // RFC 5083 ContentInfo / AuthEnvelopedData in DER; every length computed by hand for a 19-byte secret and an
        // RSA-2048 recipient: ECI 11 + 32 + 2 + 19 = 0x40; AuthEnvelopedData 3 + 367 + 66 + 18 = 0x1c6; [0] 0x1ca;
        // ContentInfo 13 + 4 + 0x1ca = 0x1db.
        String prefix = "308201db" + ID_AUTH_ENVELOPED_DATA + "a08201ca" + "308201c6" + "020100"
                + "3182016b" + "30820167" + "020102" + "8020" + keyId + RSAES_OAEP_SHA256 + "04820100";
        String suffix = "3040" + ID_DATA
                + "301e" + ID_AES256_GCM + "3011" + "040c" + "202122232425262728292a2b" + "020110"
                + "8013" + ciphertext
                + "0410" + tag;
        String hex = HEX.formatHex(envelope);
        assertEquals(479, envelope.length);
        assertEquals(prefix, hex.substring(0, prefix.length()));
        assertEquals(suffix, hex.substring(prefix.length() + 512));
        assertArrayEquals(SECRET, enclave.openAuthenticated(envelope));
    }

    @Test
    void bouncyCastlesAsn1ReadsItAsRfc5083InStrictDer() throws Exception {
        // An independent reader of the same bytes: DER (a re-encoding is identical), and the RFC 5083 / 5084 fields
        // where the RFCs put them.
        ASN1Primitive parsed = ASN1Primitive.fromByteArray(sample);
        assertArrayEquals(sample, parsed.getEncoded(ASN1Encoding.DER));
        ASN1Sequence contentInfo = ASN1Sequence.getInstance(parsed);
        assertEquals(PKCSObjectIdentifiers.id_ct_authEnvelopedData, contentInfo.getObjectAt(0));
        ASN1Sequence authEnveloped = ASN1Sequence.getInstance(
                ASN1TaggedObject.getInstance(contentInfo.getObjectAt(1)).getExplicitBaseObject());
        assertEquals(4, authEnveloped.size(), "version, recipientInfos, authEncryptedContentInfo, mac; nothing else");
        assertEquals(0, ASN1Integer.getInstance(authEnveloped.getObjectAt(0)).intValueExact());
        ASN1Set recipients = ASN1Set.getInstance(authEnveloped.getObjectAt(1));
        assertEquals(1, recipients.size());
        ASN1Sequence recipient = ASN1Sequence.getInstance(recipients.getObjectAt(0));
        assertEquals(2, ASN1Integer.getInstance(recipient.getObjectAt(0)).intValueExact());
        assertEquals(PKCSObjectIdentifiers.id_RSAES_OAEP,
                AlgorithmIdentifier.getInstance(recipient.getObjectAt(2)).getAlgorithm());
        ASN1Sequence encryptedContentInfo = ASN1Sequence.getInstance(authEnveloped.getObjectAt(2));
        assertEquals(PKCSObjectIdentifiers.data, ASN1ObjectIdentifier.getInstance(encryptedContentInfo.getObjectAt(0)));
        AlgorithmIdentifier gcm = AlgorithmIdentifier.getInstance(encryptedContentInfo.getObjectAt(1));
        assertEquals(NISTObjectIdentifiers.id_aes256_GCM, gcm.getAlgorithm());
        ASN1Sequence gcmParameters = ASN1Sequence.getInstance(gcm.getParameters());
        assertEquals(12, ASN1OctetString.getInstance(gcmParameters.getObjectAt(0)).getOctets().length);
        assertEquals(16, ASN1Integer.getInstance(gcmParameters.getObjectAt(1)).intValueExact());
        ASN1TaggedObject content = ASN1TaggedObject.getInstance(encryptedContentInfo.getObjectAt(2));
        assertEquals(0, content.getTagNo());
        assertEquals(SECRET.length, ASN1OctetString.getInstance(content, false).getOctets().length);
        assertEquals(16, ASN1OctetString.getInstance(authEnveloped.getObjectAt(3)).getOctets().length);
    }

    @Test
    void theHandWrittenShapeRebuildsTheSampleExactly() {
        // The variants below are written from this shape; unchanged, it must be the sample itself.
        assertEquals(HEX.formatHex(sample), Shape.of(sample).hex());
    }

    @Test
    void everyAlteredByteIsRefusedNeverOpened() {
        Shape shape = Shape.of(sample);
        String hex = HEX.formatHex(sample);
        int nonce = hex.indexOf("040c" + shape.nonce) / 2 + 2;
        int ciphertext = hex.lastIndexOf("8013" + shape.ciphertext) / 2 + 2;
        assertEquals(sample.length - 16 - 2 - SECRET.length - 2 - 3 - 12, nonce);
        assertEquals(sample.length - 16 - 2 - SECRET.length, ciphertext);
        for (int position = 0; position < sample.length; position++) {
            for (int flip : new int[] {0x01, 0x80, 0xff}) {
                byte[] altered = sample.clone();
                altered[position] ^= (byte) flip;
                SecretRefusedException refused = assertThrows(SecretRefusedException.class,
                        () -> enclave.openAuthenticated(altered), "byte " + position + " ^ " + flip);
                assertTrue(refused.getMessage().startsWith(refused.reason() + ": "), refused.getMessage());
                boolean underTheTag = (position >= nonce && position < nonce + 12)
                        || (position >= ciphertext && position < ciphertext + SECRET.length)
                        || position >= sample.length - 16;
                if (underTheTag) {
                    assertEquals(SecretRefusal.AUTHENTICATION_FAILED, refused.reason(), "byte " + position);
                }
            }
        }
    }

    @Test
    void aShortenedLongerOrForeignTagIsRefused() throws Exception {
        Shape shape = Shape.of(sample);
        assertRefused(SecretRefusal.AUTHENTICATION_FAILED, shape.with(s -> s.tag = s.tag.substring(0, 30)));
        assertRefused(SecretRefusal.AUTHENTICATION_FAILED, shape.with(s -> s.tag = s.tag.substring(0, 24)));
        assertRefused(SecretRefusal.AUTHENTICATION_FAILED, shape.with(s -> s.tag = s.tag + "00"));
        assertRefused(SecretRefusal.AUTHENTICATION_FAILED, shape.with(s -> s.tag = ""));
        // Another envelope of the same secret to the same key: its tag, or its wrapped key (another content key),
        // does not fit this one.
        Shape another = Shape.of(SecretSealer.create().seal(verified, SECRET));
        assertRefused(SecretRefusal.AUTHENTICATION_FAILED, shape.with(s -> s.tag = another.tag));
        assertRefused(SecretRefusal.AUTHENTICATION_FAILED, shape.with(s -> s.encryptedKey = another.encryptedKey));
    }

    /** The authenticated form keeps its own reason for a key that does not unwrap: a tag, not padding, follows. */
    @Test
    void aDamagedWrappedKeyIsRefusedAsNotUnwrapping() {
        Shape shape = Shape.of(sample);
        String damaged = shape.with(s -> s.encryptedKey = s.encryptedKey.substring(0, 200)
                + (s.encryptedKey.charAt(200) == '0' ? '1' : '0') + s.encryptedKey.substring(201));
        assertRefused(SecretRefusal.KEY_UNWRAP_FAILED, damaged);
    }

    @Test
    void anotherTagLengthNonceLengthOrCipherIsRefused() {
        Shape shape = Shape.of(sample);
        String tag12 = shape.tag.substring(0, 24);
        // aes-ICVlen 12 written out (not DER, since 12 is the DEFAULT) and, in DER, left out: a 12-byte tag either way.
        assertRefused(SecretRefusal.UNSUPPORTED_ALGORITHM, shape.with(s -> {
            s.icvLength = "02010c";
            s.tag = tag12;
        }));
        assertRefused(SecretRefusal.UNSUPPORTED_ALGORITHM, shape.with(s -> {
            s.icvLength = "";
            s.tag = tag12;
        }));
        assertRefused(SecretRefusal.UNSUPPORTED_ALGORITHM, shape.with(s -> s.cipher = ID_AES128_GCM));
        assertRefused(SecretRefusal.UNSUPPORTED_ALGORITHM, shape.with(s -> s.nonce = s.nonce + "00000000"));
        assertRefused(SecretRefusal.UNSUPPORTED_ALGORITHM, shape.with(s -> s.nonce = s.nonce.substring(0, 16)));
        assertRefused(SecretRefusal.UNSUPPORTED_ALGORITHM, shape.with(s -> s.oaep = "300d06092a864886f70d0101073000"));
        assertRefused(SecretRefusal.UNSUPPORTED_ALGORITHM, shape.with(s -> s.oaep = s.oaep.replace(
                "0609608648016503040201", "0609608648016503040202")));
    }

    @Test
    void anotherVersionOrRecipientCountIsRefused() {
        Shape shape = Shape.of(sample);
        assertRefused(SecretRefusal.UNSUPPORTED_ALGORITHM, shape.with(s -> s.version = "020102"));
        assertRefused(SecretRefusal.UNSUPPORTED_ALGORITHM, shape.with(s -> s.version = "02020000"));
        assertRefused(SecretRefusal.UNSUPPORTED_ALGORITHM, shape.with(s -> s.recipientVersion = "020100"));
        assertRefused(SecretRefusal.NOT_ONE_RECIPIENT, shape.with(s -> s.recipients = 2));
        assertRefused(SecretRefusal.NOT_ONE_RECIPIENT, shape.with(s -> s.recipients = 0));
        assertRefused(SecretRefusal.WRONG_RECIPIENT, shape.with(s -> s.keyId = "00" + s.keyId.substring(2)));
        assertRefused(SecretRefusal.UNSUPPORTED_ALGORITHM, shape.with(s -> s.keyId = s.keyId.substring(0, 40)));
    }

    @Test
    void attributesOriginatorInfoAndOtherEncodingsAreRefused() {
        Shape shape = Shape.of(sample);
        // A content-type attribute (1.2.840.113549.1.9.3 = id-data): well-formed RFC 5083 authAttrs.
        String attribute = tlv("30", "06092a864886f70d010903" + tlv("31", ID_DATA));
        assertRefused(SecretRefusal.MALFORMED, shape.with(s -> s.authAttrs = tlv("a1", attribute)));
        assertRefused(SecretRefusal.MALFORMED, shape.with(s -> s.unauthAttrs = tlv("a2", attribute)));
        assertRefused(SecretRefusal.MALFORMED, shape.with(s -> s.originatorInfo = "a000"));
        assertRefused(SecretRefusal.MALFORMED, shape.with(s -> s.contentTag = "a0"));
        assertRefused(SecretRefusal.MALFORMED, shape.with(s -> s.contentTag = ""));
        assertRefused(SecretRefusal.MALFORMED, shape.with(s -> s.contentType = "06092a864886f70d010702"));
        String hex = shape.hex();
        assertRefused(SecretRefusal.MALFORMED, hex + "00");
        // The same ContentInfo with a long-form length where the short form fits, and with BER's indefinite length.
        assertRefused(SecretRefusal.MALFORMED, "3083" + "0001db" + hex.substring(8));
        assertRefused(SecretRefusal.MALFORMED, "3080" + hex.substring(8) + "0000");
    }

    @Test
    void everyTruncationIsATypedRefusal() {
        for (int length = 0; length < sample.length; length++) {
            byte[] cut = Arrays.copyOf(sample, length);
            SecretRefusedException refused = assertThrows(SecretRefusedException.class, () -> enclave.open(cut),
                    "cut at " + length);
            assertEquals(SecretRefusal.MALFORMED, refused.reason(), "cut at " + length + ": " + refused.getMessage());
        }
    }

    @Test
    // Left out of mutation runs (the "sweep" tag): everyAlteredByteIsRefusedNeverOpened pins its checks.
    @Tag("sweep")
    void anyDamageIsATypedRefusal() {
        // Unlike KMS's form, where some damage opens to other bytes, no damage here opens at all.
        Random random = new Random(20261205);
        for (int i = 0; i < 2_000; i++) {
            byte[] damaged = sample.clone();
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
            }
            SecretRefusedException refused = assertThrows(SecretRefusedException.class, () -> enclave.open(damaged),
                    "damage " + i);
            assertTrue(refused.getMessage().startsWith(refused.reason() + ": "), refused.getMessage());
        }
    }

    @Test
    void openAuthenticatedRefusesKmsFormSoTheChannelCannotDowngradeIt() throws Exception {
        // Sealed with its own random source: a content key of its own, not the sample's.
        byte[] kms = SecretSealer.withRandom(Enclaves.seeded("kms")).seal(verified, SECRET, SecretFormat.KMS);
        assertArrayEquals(SECRET, enclave.open(kms));
        assertEquals(SecretRefusal.UNAUTHENTICATED_FORMAT,
                assertThrows(SecretRefusedException.class, () -> enclave.openAuthenticated(kms)).reason());
        // Refused on its content type alone: the rest is not read, so no CBC padding verdict reaches the sender.
        byte[] kmsHeadOnly = HEX.parseHex("3080" + "06092a864886f70d010703" + "ffff");
        assertEquals(SecretRefusal.UNAUTHENTICATED_FORMAT,
                assertThrows(SecretRefusedException.class, () -> enclave.openAuthenticated(kmsHeadOnly)).reason());
        // The downgrade itself: the wrapped key of an authenticated envelope moved into KMS's form. open() unwraps it
        // and puts the sealed content key to use in CBC, whose padding verdict an attacker may see;
        // openAuthenticated() never unwraps it.
        String kmsHex = HEX.formatHex(kms);
        String transplanted = kmsHex.replace(Shape.recipientOfKmsForm(kms).encryptedKey,
                Shape.of(sample).encryptedKey);
        assertFalse(transplanted.equals(kmsHex));
        byte[] downgraded = HEX.parseHex(transplanted);
        assertEquals(SecretRefusal.UNAUTHENTICATED_FORMAT,
                assertThrows(SecretRefusedException.class, () -> enclave.openAuthenticated(downgraded)).reason());
        // The other form's content key, used for CBC, gives wrong padding here (with these seeds; about one content
        // key in 256 would give valid padding and garbage instead): KMS's form says nothing about the sender.
        assertEquals(SecretRefusal.DECRYPTION_FAILED,
                assertThrows(SecretRefusedException.class, () -> enclave.open(downgraded)).reason());
    }

    @Test
    void eachEnvelopeHasItsOwnContentKeyAndNonce() throws Exception {
        SecretSealer sealer = SecretSealer.create();
        Shape first = Shape.of(sealer.seal(verified, SECRET));
        Shape second = Shape.of(sealer.seal(verified, SECRET));
        assertFalse(first.nonce.equals(second.nonce));
        assertFalse(first.ciphertext.equals(second.ciphertext));
        assertFalse(first.encryptedKey.equals(second.encryptedKey));
    }

    @Test
    void secretsUpToTheLimitAreSealedAndLongerOnesAreNot() throws Exception {
        SecretSealer sealer = SecretSealer.create();
        byte[] largest = new byte[SecretSealer.MAX_SECRET_LENGTH];
        new Random(1).nextBytes(largest);
        for (SecretFormat format : SecretFormat.values()) {
            assertArrayEquals(largest, enclave.open(sealer.seal(verified, largest, format)), format.name());
            assertThrows(IllegalArgumentException.class,
                    () -> sealer.seal(verified, new byte[SecretSealer.MAX_SECRET_LENGTH + 1], format));
        }
    }

    @Test
    void aDestroyedKeyOpensNothingAuthenticated() {
        RecipientKey key = RecipientKey.generate(2048, Enclaves.seeded("short-lived"));
        key.destroy();
        assertThrows(IllegalStateException.class, () -> key.openAuthenticated(sample));
    }

    private static SecretRefusal refusal(RecipientKey key, byte[] envelope) {
        return assertThrows(SecretRefusedException.class, () -> key.open(envelope)).reason();
    }

    private static void assertRefused(SecretRefusal reason, String hex) {
        byte[] envelope = HEX.parseHex(hex);
        SecretRefusedException refused = assertThrows(SecretRefusedException.class,
                () -> enclave.openAuthenticated(envelope));
        assertEquals(reason, refused.reason(), refused.getMessage());
        assertEquals(reason, assertThrows(SecretRefusedException.class, () -> enclave.open(envelope)).reason());
    }

    /** A DER element: tag, shortest definite length, content (all hex). */
    static String tlv(String tag, String content) {
        int length = content.length() / 2;
        String encodedLength;
        if (length < 0x80) {
            encodedLength = HEX.toHexDigits((byte) length);
        } else if (length < 0x100) {
            encodedLength = "81" + HEX.toHexDigits((byte) length);
        } else {
            encodedLength = "82" + HEX.toHexDigits((short) length);
        }
        return tag + encodedLength + content;
    }

    /**
     * The authenticated form written out by hand from its fields (hex), each replaceable, so that a variant changes
     * one thing and every length around it stays right.
     */
    static final class Shape implements Cloneable {
        String contentType = ID_AUTH_ENVELOPED_DATA;
        String version = "020100";
        String originatorInfo = "";
        int recipients = 1;
        String recipientVersion = "020102";
        String keyId;
        String oaep = RSAES_OAEP_SHA256;
        String encryptedKey;
        String cipher = ID_AES256_GCM;
        String nonce;
        String icvLength = "020110";
        String contentTag = "80";
        String ciphertext;
        String authAttrs = "";
        String tag;
        String unauthAttrs = "";

        /** The fields of an authenticated envelope, read with Bouncy Castle's ASN.1 classes. */
        static Shape of(byte[] envelope) {
            ASN1Sequence contentInfo = ASN1Sequence.getInstance(envelope);
            ASN1Sequence authEnveloped = ASN1Sequence.getInstance(
                    ASN1TaggedObject.getInstance(contentInfo.getObjectAt(1)).getExplicitBaseObject());
            Shape shape = recipient(ASN1Set.getInstance(authEnveloped.getObjectAt(1)));
            ASN1Sequence encryptedContentInfo = ASN1Sequence.getInstance(authEnveloped.getObjectAt(2));
            ASN1Sequence gcmParameters = ASN1Sequence.getInstance(
                    AlgorithmIdentifier.getInstance(encryptedContentInfo.getObjectAt(1)).getParameters());
            shape.nonce = HEX.formatHex(ASN1OctetString.getInstance(gcmParameters.getObjectAt(0)).getOctets());
            shape.ciphertext = HEX.formatHex(ASN1OctetString.getInstance(
                    ASN1TaggedObject.getInstance(encryptedContentInfo.getObjectAt(2)), false).getOctets());
            shape.tag = HEX.formatHex(ASN1OctetString.getInstance(authEnveloped.getObjectAt(3)).getOctets());
            return shape;
        }

        /** Only the recipient of a KMS-form envelope (Bouncy Castle reads its BER too). */
        static Shape recipientOfKmsForm(byte[] kmsEnvelope) {
            ASN1Sequence contentInfo = ASN1Sequence.getInstance(kmsEnvelope);
            ASN1Sequence enveloped = ASN1Sequence.getInstance(
                    ASN1TaggedObject.getInstance(contentInfo.getObjectAt(1)).getExplicitBaseObject());
            return recipient(ASN1Set.getInstance(enveloped.getObjectAt(1)));
        }

        private static Shape recipient(ASN1Set recipients) {
            ASN1Sequence recipient = ASN1Sequence.getInstance(recipients.getObjectAt(0));
            Shape shape = new Shape();
            shape.keyId = HEX.formatHex(ASN1OctetString.getInstance(
                    ASN1TaggedObject.getInstance(recipient.getObjectAt(1)), false).getOctets());
            shape.encryptedKey = HEX.formatHex(ASN1OctetString.getInstance(recipient.getObjectAt(3)).getOctets());
            return shape;
        }

        String with(java.util.function.Consumer<Shape> change) {
            try {
                Shape copy = (Shape) clone();
                change.accept(copy);
                return copy.hex();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }

        String hex() {
            String recipient = tlv("30", recipientVersion + tlv("80", keyId) + oaep + tlv("04", encryptedKey));
            String encryptedContentInfo = tlv("30", ID_DATA + tlv("30", cipher + tlv("30", tlv("04", nonce)
                    + icvLength)) + (contentTag.equals("a0") ? tlv("a0", tlv("04", ciphertext))
                    : contentTag.isEmpty() ? "" : tlv(contentTag, ciphertext)));
            String authEnveloped = tlv("30", version + originatorInfo + tlv("31", recipient.repeat(recipients))
                    + encryptedContentInfo + authAttrs + tlv("04", tag) + unauthAttrs);
            return tlv("30", contentType + tlv("a0", authEnveloped));
        }
    }

    /** A "random" source that counts 00, 01, 02... so that the sealer's content key and nonce are known. */
    private static final class CountingRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private int next;

        @Override
        public void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) next++;
            }
        }
    }
}
