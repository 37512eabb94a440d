package dev.nitroattest.secrets.internal;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * The authenticated form: a CMS AuthEnvelopedData (RFC 5083) with AES-256-GCM (RFC 5084), read and written in one
 * strict profile. DER throughout (definite, shortest lengths; it is our own form, so nothing obliges us to KMS's
 * indefinite BER, and DER leaves one encoding per envelope). The ContentInfo's type is id-ct-authEnvelopedData;
 * AuthEnvelopedData version 0 (RFC 5083 allows no other); no originatorInfo; the same single KeyTransRecipientInfo as
 * KMS's form ({@link KeyTransRecipient}); an EncryptedContentInfo of id-data with id-aes256-GCM and GCMParameters of a
 * 12-byte nonce and an aes-ICVlen of 16 (written out: RFC 5084's DEFAULT is 12, and a 16-byte tag is what we want);
 * the ciphertext as a primitive [0]; the 16-byte tag as the mac. No authAttrs and no unauthAttrs: with neither, the
 * tag covers exactly the content, and there is nothing unauthenticated for a reader to trust by mistake.
 * Anything else is refused.
 *
 * <p>The tag does not cover the recipient info or the algorithm identifiers, which RFC 5083 leaves outside; an
 * altered key identifier is a wrong recipient, an altered wrapped key fails RSAES-OAEP's own check, and every
 * identifier is compared byte for byte.
 *
 * @param recipient the one recipient and its wrapped content key
 * @param nonce the 12-byte GCM nonce
 * @param encryptedContent the AES-256-GCM ciphertext, as long as the secret
 * @param tag the 16-byte GCM tag
 */
public record AuthEnvelope(KeyTransRecipient recipient, byte[] nonce, byte[] encryptedContent, byte[] tag) {
    private static final HexFormat HEX = HexFormat.of();
    /** id-aes256-GCM (2.16.840.1.101.3.4.1.46) with GCMParameters, up to the nonce's 12 bytes. */
    private static final byte[] AES256_GCM_NONCE_PREFIX = HEX.parseHex("301e060960864801650304012e" + "3011" + "040c");
    /** GCMParameters' aes-ICVlen of 16. */
    private static final byte[] ICV_LENGTH_16 = HEX.parseHex("020110");

    /**
     * Reads an envelope.
     *
     * @throws EnvelopeFault if the bytes are not exactly the authenticated form's profile
     */
    public static AuthEnvelope parse(byte[] der) throws EnvelopeFault {
        Ber in = new Ber(der);
        int contentInfoEnd = in.openDefinite(0x30, "the ContentInfo");
        in.expectStructure(ContentType.AUTH_ENVELOPED_DATA.encoded(),
                "The content type, which must be id-ct-authEnvelopedData,");
        int contentEnd = in.openDefinite(0xa0, "the ContentInfo's [0] content");
        int authEnvelopedEnd = in.openDefinite(0x30, "the AuthEnvelopedData");
        byte[] version = in.read(0x02, "the AuthEnvelopedData version");
        if (version.length != 1 || version[0] != 0) {
            throw EnvelopeFault.unsupported("The AuthEnvelopedData version is " + HEX.formatHex(version)
                    + "; RFC 5083 has 0.");
        }
        if (in.nextIs(0xa0)) {
            throw EnvelopeFault.malformed("The envelope has an originatorInfo, which this form does not have.");
        }
        KeyTransRecipient recipient = KeyTransRecipient.readSet(in);
        int encryptedContentInfoEnd = in.openDefinite(0x30, "the EncryptedContentInfo");
        in.expectStructure(KmsEnvelope.ID_DATA, "The encrypted content type, which must be id-data,");
        in.expect(AES256_GCM_NONCE_PREFIX, "The content encryption algorithm (which must be AES-256-GCM with a "
                + "12-byte nonce)");
        byte[] nonce = in.raw(Gcm.NONCE_LENGTH, "the nonce");
        in.expect(ICV_LENGTH_16, "The tag length (aes-ICVlen, which must be 16)");
        byte[] encrypted = in.read(0x80, "the encrypted content");
        in.close(encryptedContentInfoEnd, "The EncryptedContentInfo");
        if (in.nextIs(0xa1)) {
            throw EnvelopeFault.malformed("The envelope has authenticated attributes, which this form does not "
                    + "have.");
        }
        byte[] tag = in.read(0x04, "the tag (mac)");
        if (tag.length != Gcm.TAG_LENGTH) {
            throw EnvelopeFault.tag("The tag is " + tag.length + " bytes; this form's is " + Gcm.TAG_LENGTH + ".");
        }
        if (in.nextIs(0xa2)) {
            throw EnvelopeFault.malformed("The envelope has unauthenticated attributes, which this form does not "
                    + "have.");
        }
        in.close(authEnvelopedEnd, "The AuthEnvelopedData");
        in.close(contentEnd, "The ContentInfo's [0] content");
        in.close(contentInfoEnd, "The ContentInfo");
        in.end();
        return new AuthEnvelope(recipient, nonce, encrypted, tag);
    }

    /** The envelope in DER. */
    public byte[] encode() {
        ByteArrayOutputStream encryptedContentInfo = new ByteArrayOutputStream(encryptedContent.length + 64);
        encryptedContentInfo.writeBytes(KmsEnvelope.ID_DATA);
        encryptedContentInfo.writeBytes(AES256_GCM_NONCE_PREFIX);
        encryptedContentInfo.writeBytes(nonce);
        encryptedContentInfo.writeBytes(ICV_LENGTH_16);
        Ber.writeDefinite(encryptedContentInfo, 0x80, encryptedContent);

        ByteArrayOutputStream authEnveloped = new ByteArrayOutputStream(encryptedContent.length + 700);
        authEnveloped.writeBytes(HEX.parseHex("020100"));
        recipient.writeSet(authEnveloped);
        Ber.writeDefinite(authEnveloped, 0x30, encryptedContentInfo.toByteArray());
        Ber.writeDefinite(authEnveloped, 0x04, tag);

        ByteArrayOutputStream content = new ByteArrayOutputStream(authEnveloped.size() + 8);
        Ber.writeDefinite(content, 0x30, authEnveloped.toByteArray());
        ByteArrayOutputStream contentInfo = new ByteArrayOutputStream(content.size() + 24);
        contentInfo.writeBytes(ContentType.AUTH_ENVELOPED_DATA.encoded());
        Ber.writeDefinite(contentInfo, 0xa0, content.toByteArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream(contentInfo.size() + 8);
        Ber.writeDefinite(out, 0x30, contentInfo.toByteArray());
        return out.toByteArray();
    }
}
