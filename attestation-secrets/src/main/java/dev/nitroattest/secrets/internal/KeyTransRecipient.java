package dev.nitroattest.secrets.internal;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * The one RecipientInfo both forms carry, byte for byte as KMS writes it (docs/kms-recipient-facts.md §3, §4): a
 * RecipientInfos SET holding exactly one KeyTransRecipientInfo, version 2, identified by a 32-byte subject key
 * identifier (SHA-256 of the recipient's SubjectPublicKeyInfo), with RSAES-OAEP-SHA-256 and MGF1-SHA-256 written out
 * with NULL parameters and the default empty label. The authenticated form reuses it unchanged so that one RSA key
 * and one reader serve both.
 *
 * @param keyId the 32-byte subject key identifier of the recipient's key
 * @param encryptedKey the content key wrapped with RSAES-OAEP
 */
public record KeyTransRecipient(byte[] keyId, byte[] encryptedKey) {
    private static final HexFormat HEX = HexFormat.of();
    /** id-RSAES-OAEP with hashFunc sha256 (NULL), maskGenFunc MGF1 with sha256 (NULL), the default empty label. */
    static final byte[] RSAES_OAEP_SHA256 = HEX.parseHex("303c06092a864886f70d010107" + "302f"
            + "a00f300d06096086480165030402010500" + "a11c301a06092a864886f70d010108300d06096086480165030402010500");
    private static final int KEY_ID_LENGTH = 32;

    /** Reads the RecipientInfos SET, which must hold exactly this one recipient. */
    static KeyTransRecipient readSet(Ber in) throws EnvelopeFault {
        int recipientsLength = in.open(0x31, false, "the RecipientInfos set");
        int recipientsEnd = in.position() + recipientsLength;
        if (recipientsLength == 0) {
            throw EnvelopeFault.recipients("The envelope has no recipient; both forms have exactly one.");
        }
        int recipientEnd = in.openDefinite(0x30, "the KeyTransRecipientInfo");
        byte[] version = in.read(0x02, "the KeyTransRecipientInfo version");
        if (version.length != 1 || version[0] != 2) {
            throw EnvelopeFault.unsupported("The KeyTransRecipientInfo version is " + HEX.formatHex(version)
                    + "; both forms have 2.");
        }
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
            throw EnvelopeFault.malformed("The KeyTransRecipientInfo holds more or less than KMS writes in it.");
        }
        if (recipientEnd != recipientsEnd) {
            throw EnvelopeFault.recipients("The envelope has more than one recipient; both forms have exactly one.");
        }
        return new KeyTransRecipient(keyId, encryptedKey);
    }

    /** The RecipientInfos SET holding this recipient. */
    void writeSet(ByteArrayOutputStream out) {
        ByteArrayOutputStream recipient = new ByteArrayOutputStream();
        recipient.writeBytes(HEX.parseHex("020102"));
        Ber.writeDefinite(recipient, 0x80, keyId);
        recipient.writeBytes(RSAES_OAEP_SHA256);
        Ber.writeDefinite(recipient, 0x04, encryptedKey);
        ByteArrayOutputStream recipients = new ByteArrayOutputStream();
        Ber.writeDefinite(recipients, 0x30, recipient.toByteArray());
        Ber.writeDefinite(out, 0x31, recipients.toByteArray());
    }
}
