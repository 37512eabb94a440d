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
 * @param recipient the one recipient and its wrapped content key
 * @param iv the 16-byte AES-CBC initialisation vector
 * @param encryptedContent the AES-256-CBC ciphertext, the chunks joined
 */
public record KmsEnvelope(KeyTransRecipient recipient, byte[] iv, byte[] encryptedContent) {
    /**
     * How the writer cuts the encrypted content: 1000-byte chunks, as Bouncy Castle's streaming encoder does, whose
     * layout KMS's matches. An assumption: every public KMS sample is one chunk (docs/kms-recipient-facts.md, open
     * question 1). The reader takes any chunking.
     */
    static final int CHUNK = 1000;
    private static final HexFormat HEX = HexFormat.of();
    static final byte[] ID_ENVELOPED_DATA = HEX.parseHex("06092a864886f70d010703");
    static final byte[] ID_DATA = HEX.parseHex("06092a864886f70d010701");
    /** aes256-CBC's AlgorithmIdentifier up to its 16-byte IV. */
    private static final byte[] AES256_CBC_IV_PREFIX = HEX.parseHex("301d060960864801650304012a0410");
    private static final int BLOCK = 16;

    /**
     * Reads an envelope.
     *
     * @throws EnvelopeFault if the bytes are not exactly the KMS profile
     */
    public static KmsEnvelope parse(byte[] ber) throws EnvelopeFault {
        Ber in = new Ber(ber);
        requireIndefinite(in.open(0x30, true, "the ContentInfo"), "the ContentInfo");
        in.expectStructure(ID_ENVELOPED_DATA, "The content type, which must be id-envelopedData,");
        requireIndefinite(in.open(0xa0, true, "the ContentInfo's [0] content"), "the ContentInfo's [0] content");
        requireIndefinite(in.open(0x30, true, "the EnvelopedData"), "the EnvelopedData");
        requireVersion(in.read(0x02, "the EnvelopedData version"), "The EnvelopedData");
        KeyTransRecipient recipient = KeyTransRecipient.readSet(in);
        requireIndefinite(in.open(0x30, true, "the EncryptedContentInfo"), "the EncryptedContentInfo");
        in.expectStructure(ID_DATA, "The encrypted content type, which must be id-data,");
        in.expect(AES256_CBC_IV_PREFIX, "The content encryption algorithm (which must be AES-256-CBC with a 16-byte "
                + "IV)");
        byte[] iv = in.raw(Cbc.IV_LENGTH, "the IV");
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
        return new KmsEnvelope(recipient, iv, encrypted);
    }

    /** The envelope in KMS's layout. */
    public byte[] encode() {
        int size = encryptedContent.length + recipient.encryptedKey().length + 160;
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(HEX.parseHex("3080"));
        out.writeBytes(ID_ENVELOPED_DATA);
        out.writeBytes(HEX.parseHex("a080" + "3080" + "020102"));
        recipient.writeSet(out);
        out.writeBytes(HEX.parseHex("3080"));
        out.writeBytes(ID_DATA);
        out.writeBytes(AES256_CBC_IV_PREFIX);
        out.writeBytes(iv);
        out.writeBytes(HEX.parseHex("a080"));
        for (int from = 0; from < encryptedContent.length; from += CHUNK) {
            int length = Math.min(CHUNK, encryptedContent.length - from);
            byte[] chunk = new byte[length];
            System.arraycopy(encryptedContent, from, chunk, 0, length);
            Ber.writeDefinite(out, 0x04, chunk);
        }
        out.writeBytes(new byte[10]);
        return out.toByteArray();
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
}
