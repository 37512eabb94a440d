package dev.nitroattest.secrets.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checks of the envelope's parts that the round trips do not reach, each pinned at its boundary: the RSA key sizes a
 * sealer accepts, the content type that fills its input exactly, the KeyTransRecipientInfo's own end, KMS's chunking
 * at a multiple of its chunk size, and the AES-GCM key and nonce lengths.
 */
@DisplayName("Envelope parts: key sizes, content type, recipient end, chunking and GCM's lengths at their boundaries")
class EnvelopePartsChecksTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final BigInteger F4 = BigInteger.valueOf(65537);

    @Test
    @DisplayName("a sealer accepts RSA keys of 2048 to 4096 bits: 2047 and 4097 bits are refused, 4096 accepted")
    void rsaKeySizesAre2048To4096Bits() {
        assertNull(Rsa.publicKey(rsaKeyInfo(modulusOfBits(2047))));
        assertNotNull(Rsa.publicKey(rsaKeyInfo(modulusOfBits(2048))));
        assertNotNull(Rsa.publicKey(rsaKeyInfo(modulusOfBits(4096))));
        assertNull(Rsa.publicKey(rsaKeyInfo(modulusOfBits(4097))));
    }

    @Test
    @DisplayName("an RSA key under another algorithm than rsaEncryption (RSASSA-PSS) is refused")
    void rsaKeyMustBeRsaEncryption() throws Exception {
        BigInteger modulus = modulusOfBits(2048);
        byte[] pss = new SubjectPublicKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS),
                new RSAPublicKey(modulus, F4)).getEncoded(ASN1Encoding.DER);
        assertNull(Rsa.publicKey(pss));
        assertNotNull(Rsa.publicKey(rsaKeyInfo(modulus)));
    }

    @Test
    @DisplayName("a content type that ends exactly where the input ends is read")
    void contentTypeFillingTheInputIsRead() throws EnvelopeFault {
        for (ContentType type : ContentType.values()) {
            byte[] headAndType = concat(HEX.parseHex("3080"), type.encoded());
            assertEquals(type, ContentType.of(headAndType));
            EnvelopeFault cut = assertThrows(EnvelopeFault.class,
                    () -> ContentType.of(Arrays.copyOf(headAndType, headAndType.length - 1)));
            assertEquals(EnvelopeFault.Kind.MALFORMED, cut.kind());
        }
    }

    @Test
    @DisplayName("a KeyTransRecipientInfo with an element after the encrypted key is refused for its own length")
    void recipientEndsAfterItsEncryptedKey() {
        ByteArrayOutputStream recipient = new ByteArrayOutputStream();
        recipient.writeBytes(HEX.parseHex("020102"));
        Ber.writeDefinite(recipient, 0x80, new byte[32]);
        recipient.writeBytes(KeyTransRecipient.RSAES_OAEP_SHA256);
        Ber.writeDefinite(recipient, 0x04, new byte[256]);
        recipient.writeBytes(HEX.parseHex("0500"));
        ByteArrayOutputStream recipients = new ByteArrayOutputStream();
        Ber.writeDefinite(recipients, 0x30, recipient.toByteArray());
        ByteArrayOutputStream set = new ByteArrayOutputStream();
        Ber.writeDefinite(set, 0x31, recipients.toByteArray());

        EnvelopeFault fault = assertThrows(EnvelopeFault.class,
                () -> KeyTransRecipient.readSet(new Ber(set.toByteArray())));
        assertEquals(EnvelopeFault.Kind.MALFORMED, fault.kind());
        assertEquals("The KeyTransRecipientInfo holds more or less than KMS writes in it.", fault.getMessage());
    }

    @Test
    @DisplayName("KMS's form: content of exactly two chunks is written as two OCTET STRINGs, with no empty third")
    void contentOfWholeChunksHasNoEmptyChunk() throws EnvelopeFault {
        KeyTransRecipient recipient = new KeyTransRecipient(new byte[32], new byte[256]);
        byte[] iv = new byte[Cbc.IV_LENGTH];
        byte[] oneBlock = new KmsEnvelope(recipient, iv, new byte[16]).encode();
        byte[] twoChunks = new KmsEnvelope(recipient, iv, new byte[2 * KmsEnvelope.CHUNK]).encode();
        // One block: 04 10 and 16 bytes. Two chunks: twice 04 82 03e8 and 1000 bytes.
        assertEquals(2 * (4 + KmsEnvelope.CHUNK) - (2 + 16), twoChunks.length - oneBlock.length);
        String tail = HEX.formatHex(twoChunks, twoChunks.length - 10 - KmsEnvelope.CHUNK - 4, twoChunks.length);
        assertEquals("048203e8" + "00".repeat(KmsEnvelope.CHUNK) + "00".repeat(10), tail);
        assertArrayEquals(twoChunks, KmsEnvelope.parse(twoChunks).encode());
    }

    @Test
    @DisplayName("AES-GCM takes only a 32-byte key and a 12-byte nonce: a 16-byte key (AES-128) is refused")
    void gcmTakesA32ByteKeyAndA12ByteNonce() {
        byte[] key = new byte[Rsa.CONTENT_KEY_LENGTH];
        byte[] nonce = new byte[Gcm.NONCE_LENGTH];
        Gcm.Sealed sealed = Gcm.seal(key, nonce, new byte[5]);
        assertArrayEquals(new byte[5], Gcm.open(key, nonce, sealed.ciphertext(), sealed.tag()));
        assertThrows(IllegalArgumentException.class, () -> Gcm.seal(new byte[16], nonce, new byte[5]));
        assertThrows(IllegalArgumentException.class,
                () -> Gcm.open(new byte[16], nonce, sealed.ciphertext(), sealed.tag()));
        assertThrows(IllegalArgumentException.class, () -> Gcm.seal(key, new byte[16], new byte[5]));
    }

    /** A DER SubjectPublicKeyInfo, rsaEncryption, for this modulus. */
    private static byte[] rsaKeyInfo(BigInteger modulus) {
        return Rsa.subjectPublicKeyInfo(new RSAKeyParameters(false, modulus, F4));
    }

    /**
     * An odd composite of exactly this many bits with no prime factor below 2000 (Bouncy Castle refuses a prime or a
     * small factor in a modulus): the size check alone is under test, and finding one takes no prime search.
     */
    private static BigInteger modulusOfBits(int bits) {
        BigInteger smallPrimes = BigInteger.ONE;
        for (int candidate = 3; candidate < 2000; candidate += 2) {
            if (BigInteger.valueOf(candidate).isProbablePrime(20)) {
                smallPrimes = smallPrimes.multiply(BigInteger.valueOf(candidate));
            }
        }
        Random random = new Random(bits);
        while (true) {
            BigInteger modulus = new BigInteger(bits, random).setBit(bits - 1).setBit(0);
            if (modulus.gcd(smallPrimes).equals(BigInteger.ONE) && !modulus.isProbablePrime(20)) {
                return modulus;
            }
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
