package dev.nitroattest.attestation.internal.chain;

import dev.nitroattest.attestation.internal.Rejection;
import java.io.IOException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;

/**
 * {@link LegacyCertificateDecoder}'s checks of extension values, as they were. DER inside the extension values the
 * verifier reads. An extension's value is an OCTET STRING holding its own encoding, which the certificate's DER check
 * does not open: this checks that those of basicConstraints and keyUsage are DER too, including the rules that
 * re-encoding alone does not show (a DEFAULT value is omitted, a named bit list has no trailing zero bits).
 */
final class LegacyExtensionValues {
    private LegacyExtensionValues() {
    }

    /**
     * {@code BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER (0..MAX) OPTIONAL }}.
     */
    static void checkBasicConstraints(Extension extension, CertificateLabel label) throws Rejection {
        ASN1Primitive value = der(extension, label, "basicConstraints");
        if (!(value instanceof ASN1Sequence sequence) || sequence.size() > 2) {
            throw label.untrusted(" has a basicConstraints value that is not a sequence of at "
                    + "most two elements.");
        }
        if (sequence.size() > 0 && sequence.getObjectAt(0) instanceof ASN1Boolean ca && !ca.isTrue()) {
            throw label.untrusted(" encodes basicConstraints' DEFAULT cA FALSE explicitly; DER "
                    + "omits a value equal to its DEFAULT.");
        }
    }

    /** {@code KeyUsage ::= BIT STRING}, a named bit list: DER removes its trailing zero bits, and one bit is set. */
    static void checkKeyUsage(Extension extension, CertificateLabel label) throws Rejection {
        ASN1Primitive value = der(extension, label, "keyUsage");
        if (!(value instanceof ASN1BitString bits)) {
            throw label.untrusted(" has a keyUsage value that is not a BIT STRING.");
        }
        byte[] octets = bits.getBytes();
        int padBits = bits.getPadBits();
        if (octets.length == 0) {
            throw label.untrusted(" has a keyUsage with no bit set; RFC 5280 requires one.");
        }
        int last = octets[octets.length - 1] & 0xff;
        if ((last & ((1 << padBits) - 1)) != 0 || (last >> padBits & 1) == 0) {
            throw label.untrusted(" has a keyUsage BIT STRING with trailing zero bits or set "
                    + "unused bits; DER writes a named bit list up to its last set bit.");
        }
    }

    /**
     * {@code critical BOOLEAN DEFAULT FALSE}: DER leaves a FALSE out. Read from the certificate's own structure, since
     * Bouncy Castle's Extension objects forget whether it was written.
     */
    static void checkCriticalFlags(Certificate certificate, CertificateLabel label) throws Rejection {
        // Certificate.getInstance checked that the TBSCertificate is a sequence; extensions are its last field, [3].
        ASN1Sequence tbs = ASN1Sequence.getInstance(ASN1Sequence.getInstance(certificate.toASN1Primitive())
                .getObjectAt(0));
        if (!(tbs.getObjectAt(tbs.size() - 1) instanceof ASN1TaggedObject tagged) || tagged.getTagNo() != 3) {
            return;
        }
        for (ASN1Encodable element : ASN1Sequence.getInstance(tagged.getBaseObject())) {
            ASN1Sequence extension = ASN1Sequence.getInstance(element);
            if (extension.size() == 3 && extension.getObjectAt(1) instanceof ASN1Boolean critical
                    && !critical.isTrue()) {
                throw label.untrusted(" writes critical FALSE in its extension "
                        + extension.getObjectAt(0) + "; DER omits a value equal to its DEFAULT.");
            }
        }
    }

    private static ASN1Primitive der(Extension extension, CertificateLabel label, String name) throws Rejection {
        byte[] encoded = extension.getExtnValue().getOctets();
        try {
            ASN1Primitive value = ASN1Primitive.fromByteArray(encoded);
            if (value != null && Arrays.equals(value.getEncoded(ASN1Encoding.DER), encoded)) {
                return value;
            }
        } catch (IOException | RuntimeException e) {
            // Refused below, with the same sentence as a value that decodes but is not DER.
        }
        throw label.untrusted(" has a " + name + " extension value that is not in DER.");
    }
}
