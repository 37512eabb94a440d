package dev.nitroattest.secrets.internal;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Which form an envelope claims to be, read from its ContentInfo's content type before anything else, so that an
 * opener that accepts only the authenticated form refuses KMS's form without parsing it further.
 */
public enum ContentType {
    /** id-envelopedData (1.2.840.113549.1.7.3): KMS's form. */
    ENVELOPED_DATA(KmsEnvelope.ID_ENVELOPED_DATA),
    /** id-ct-authEnvelopedData (1.2.840.113549.1.9.16.1.23, RFC 5083): the authenticated form. */
    AUTH_ENVELOPED_DATA(HexFormat.of().parseHex("060b2a864886f70d0109100117"));

    private final byte[] encoded;

    ContentType(byte[] encoded) {
        this.encoded = encoded;
    }

    /** The DER of the content type's OBJECT IDENTIFIER, tag and length included. */
    byte[] encoded() {
        return encoded.clone();
    }

    /**
     * The content type of a ContentInfo of either length form; the rest of the envelope is left to the form's reader.
     *
     * @throws EnvelopeFault ({@link EnvelopeFault.Kind#MALFORMED}) if it is not a ContentInfo of either type
     */
    public static ContentType of(byte[] contentInfo) throws EnvelopeFault {
        Ber in = new Ber(contentInfo);
        in.open(0x30, true, "the ContentInfo");
        int from = in.position();
        for (ContentType type : values()) {
            byte[] oid = type.encoded;
            if (contentInfo.length - from >= oid.length
                    && Arrays.equals(contentInfo, from, from + oid.length, oid, 0, oid.length)) {
                return type;
            }
        }
        throw EnvelopeFault.malformed("The content type is neither id-envelopedData (KMS's form) nor "
                + "id-ct-authEnvelopedData (the authenticated form).");
    }
}
