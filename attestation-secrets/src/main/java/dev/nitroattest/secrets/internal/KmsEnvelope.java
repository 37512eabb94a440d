package dev.nitroattest.secrets.internal;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * The one CMS EnvelopedData (RFC 5652) that KMS returns as {@code CiphertextForRecipient}, read and written byte for
 * byte as KMS lays it out (docs/kms-recipient-facts.md): BER, with indefinite lengths at the ContentInfo, its [0],
 * the EnvelopedData, the EncryptedContentInfo and the encrypted content's [0] (a constructed OCTET STRING of
 * chunks); EnvelopedData version 2; one KeyTransRecipientInfo, version 2, identified by a 32-byte subject key
 * identifier (SHA-256 of the recipient's SubjectPublicKeyInfo); RSAES-OAEP with SHA-256 and MGF1-SHA-256, written
 * out with NULL parameters; AES-256-CBC with a 16-byte IV. Anything else is refused.
 *
 * @param recipientKeyId the 32-byte subject key identifier of the recipient's key
 * @param encryptedKey the content key wrapped with RSAES-OAEP
 * @param iv the 16-byte AES-CBC initialisation vector
 * @param encryptedContent the AES-256-CBC ciphertext, the chunks joined
 */
public record KmsEnvelope(byte[] recipientKeyId, byte[] encryptedKey, byte[] iv, byte[] encryptedContent) {
    /** How KMS's encoder (Bouncy Castle's streaming one, by its layout) cuts the encrypted content. */
    static final int CHUNK = 1000;
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] ID_ENVELOPED_DATA = HEX.parseHex("06092a864886f70d010703");
    private static final byte[] ID_DATA = HEX.parseHex("06092a864886f70d010701");
    /** id-RSAES-OAEP with hashFunc sha256 (NULL), maskGenFunc MGF1 with sha256 (NULL), the default empty label. */
    static final byte[] RSAES_OAEP_SHA256 = HEX.parseHex("303c06092a864886f70d010107"
            + "302f" + "a00f300d06096086480165030402010500" + "a11c301a06092a864886f70d010108300d06096086480165030402010500");
    /** aes256-CBC's AlgorithmIdentifier up to its 16-byte IV. */
    private static final byte[] AES256_CBC_IV_PREFIX = HEX.parseHex("301d060960864801650304012a0410");
    private static final int KEY_ID_LENGTH = 32;
    private static final int IV_LENGTH = 16;
    private static final int BLOCK = 16;

    /**
     * Reads an envelope.
     *
     * @throws EnvelopeFault if the bytes are not exactly the KMS profile
     */
    public static KmsEnvelope parse(byte[] ber) throws EnvelopeFault {
        Ber in = new Ber(ber);
        requireIndefinite(in.open(0x30, true, "the ContentInfo"), "the ContentInfo");
        expectStructure(in, ID_ENVELOPED_DATA, "The content type, which must be id-envelopedData,");
        requireIndefinite(in.open(0xa0, true, "the ContentInfo's [0] content"), "the ContentInfo's [0] content");
        requireIndefinite(in.open(0x30, true, "the EnvelopedData"), "the EnvelopedData");
        requireVersion(in.read(0x02, "the EnvelopedData version"), "The EnvelopedData");
        int recipientsLength = in.open(0x31, false, "the RecipientInfos set");
        int recipientsEnd = in.position() + recipientsLength;
        if (recipientsLength == 0) {
            throw EnvelopeFault.recipients("The envelope has no recipient; KMS writes exactly one.");
        }
        int recipientLength = in.open(0x30, false, "the KeyTransRecipientInfo");
        int recipientEnd = in.position() + recipientLength;
        requireVersion(in.read(0x02, "the KeyTransRecipientInfo version"), "The KeyTransRecipientInfo");
        byte[] keyId;
        try {
            keyId = in.read(0x80, "the recipient's subject key identifier");
        } catch (EnvelopeFault e) {
            throw EnvelopeFault.unsupported("The recipient is not identified by a subject key identifier, as KMS "
                    + "identifies it.");
        }
        if (keyId.length != KEY_ID_LENGTH) {
            throw EnvelopeFault.unsupported("The recipient's key identifier is " + keyId.length + " bytes; KMS's is "
                    + "the 32-byte SHA-256 of the key.");
        }
        in.expect(RSAES_OAEP_SHA256, "The key encryption algorithm (which must be RSAES-OAEP with SHA-256 and "
                + "MGF1-SHA-256)");
        byte[] encryptedKey = in.read(0x04, "the encrypted key");
        if (in.position() != recipientEnd) {
            throw EnvelopeFault.malformed("The KeyTransRecipientInfo holds more than KMS writes in it.");
        }
        if (recipientEnd != recipientsEnd) {
            throw EnvelopeFault.recipients("The envelope has more than one recipient; KMS writes exactly one.");
        }
        requireIndefinite(in.open(0x30, true, "the EncryptedContentInfo"), "the EncryptedContentInfo");
        expectStructure(in, ID_DATA, "The encrypted content type, which must be id-data,");
        in.expect(AES256_CBC_IV_PREFIX, "The content encryption algorithm (which must be AES-256-CBC with a 16-byte "
                + "IV)");
        byte[] iv = in.raw(IV_LENGTH, "the IV");
        requireIndefinite(in.open(0xa0, true, "the encrypted content"), "the encrypted content");
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        while (!in.atEndOfContents()) {
            content.writeBytes(in.read(0x04, "a chunk of the encrypted content"));
        }
        in.endOfContents("The encrypted content");
        in.endOfContents("The EncryptedContentInfo");
        in.endOfContents("The EnvelopedData");
        in.endOfContents("The ContentInfo's [0] content");
        in.endOfContents("The ContentInfo");
        in.end();
        byte[] encrypted = content.toByteArray();
        if (encrypted.length == 0 || encrypted.length % BLOCK != 0) {
            throw EnvelopeFault.malformed("The encrypted content is " + encrypted.length + " bytes, not a positive "
                    + "multiple of AES's 16-byte block.");
        }
        return new KmsEnvelope(keyId, encryptedKey, iv, encrypted);
    }

    /** The envelope in KMS's layout. */
    public byte[] encode() {
        ByteArrayOutputStream recipient = new ByteArrayOutputStream();
        recipient.writeBytes(HEX.parseHex("020102"));
        definite(recipient, 0x80, recipientKeyId);
        recipient.writeBytes(RSAES_OAEP_SHA256);
        definite(recipient, 0x04, encryptedKey);
        ByteArrayOutputStream recipients = new ByteArrayOutputStream();
        definite(recipients, 0x30, recipient.toByteArray());

        ByteArrayOutputStream out = new ByteArrayOutputStream(encryptedContent.length + encryptedKey.length + 160);
        out.writeBytes(HEX.parseHex("3080"));
        out.writeBytes(ID_ENVELOPED_DATA);
        out.writeBytes(HEX.parseHex("a080" + "3080" + "020102"));
        definite(out, 0x31, recipients.toByteArray());
        out.writeBytes(HEX.parseHex("3080"));
        out.writeBytes(ID_DATA);
        out.writeBytes(AES256_CBC_IV_PREFIX);
        out.writeBytes(iv);
        out.writeBytes(HEX.parseHex("a080"));
        for (int from = 0; from < encryptedContent.length; from += CHUNK) {
            int length = Math.min(CHUNK, encryptedContent.length - from);
            byte[] chunk = new byte[length];
            System.arraycopy(encryptedContent, from, chunk, 0, length);
            definite(out, 0x04, chunk);
        }
        out.writeBytes(new byte[10]);
        return out.toByteArray();
    }

    private static void definite(ByteArrayOutputStream out, int tag, byte[] content) {
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
        }
        out.writeBytes(content);
    }

    private static void requireIndefinite(int length, String what) throws EnvelopeFault {
        if (length != Ber.INDEFINITE) {
            throw EnvelopeFault.malformed(what + " has a definite length where KMS writes an indefinite one.");
        }
    }

    private static void requireVersion(byte[] version, String what) throws EnvelopeFault {
        if (version.length != 1 || version[0] != 2) {
            throw EnvelopeFault.unsupported(what + " version is " + HEX.formatHex(version) + "; KMS writes 2.");
        }
    }

    private static void expectStructure(Ber in, byte[] exact, String what) throws EnvelopeFault {
        try {
            in.expect(exact, what);
        } catch (EnvelopeFault e) {
            throw EnvelopeFault.malformed(what + " is not.");
        }
    }
}
