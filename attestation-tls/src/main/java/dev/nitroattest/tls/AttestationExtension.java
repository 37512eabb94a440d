package dev.nitroattest.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/**
 * The X.509 extension that carries an enclave's attestation document in its TLS certificate.
 *
 * <pre>
 * Extension ::= SEQUENCE {
 *     extnID     OBJECT IDENTIFIER,   -- {@value #OID}
 *     critical   BOOLEAN DEFAULT FALSE,  -- must be absent (false): clients without this library ignore it
 *     extnValue  OCTET STRING }       -- contains the DER of NitroAttestationDocument
 * NitroAttestationDocument ::= OCTET STRING  -- the COSE_Sign1 bytes exactly as the NSM returned them
 * </pre>
 *
 * <p>The binding rule: the document's {@code public_key} is byte for byte the certificate's SubjectPublicKeyInfo
 * (DER), so the document vouches for the key that signs the handshake. The OID is under {@code 2.25}, the arc of
 * OIDs made from a UUID (ITU-T X.667), which needs no registration: UUID {@value #UUID}, generated once for this
 * format. docs/attested-tls.md describes the whole format.
 */
public final class AttestationExtension {
    /** The extension's object identifier: {@code 2.25.} and the decimal value of {@link #UUID}. */
    public static final String OID = "2.25.200896287834833925876674232351848487737";
    /** The UUID the OID is made from. */
    public static final String UUID = "972337b7-a17f-49e6-b619-a63917515b39";

    private AttestationExtension() {
    }

    /**
     * The extension's {@code extnValue} content for a document: the DER OCTET STRING holding it.
     *
     * @param document the attestation document's bytes
     * @return the DER bytes to put in the extension's extnValue
     */
    public static byte[] value(byte[] document) {
        return tagged(0x04, document);
    }

    /**
     * The DER content octets of {@link #OID} (what follows its tag and length).
     *
     * @return a new array
     */
    public static byte[] oidContent() {
        String[] arcs = OID.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        base128(out, BigInteger.valueOf(40L * Long.parseLong(arcs[0]) + Long.parseLong(arcs[1])));
        for (int i = 2; i < arcs.length; i++) {
            base128(out, new BigInteger(arcs[i]));
        }
        return out.toByteArray();
    }

    private static void base128(ByteArrayOutputStream out, BigInteger arc) {
        int groups = Math.max(1, (arc.bitLength() + 6) / 7);
        for (int group = groups - 1; group >= 0; group--) {
            int bits = arc.shiftRight(7 * group).intValue() & 0x7f;
            out.write(group == 0 ? bits : bits | 0x80);
        }
    }

    /** One DER element: tag, minimal definite length, content. */
    static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int count = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | count);
            for (int i = count - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
