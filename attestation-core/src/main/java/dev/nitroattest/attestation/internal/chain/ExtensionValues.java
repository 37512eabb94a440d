package dev.nitroattest.attestation.internal.chain;

import dev.nitroattest.attestation.internal.Rejection;
import dev.nitroattest.attestation.internal.chain.CertificateLayout.Extension;
import dev.nitroattest.der.DerException;
import dev.nitroattest.der.DerReader;
import dev.nitroattest.der.DerReader.Element;
import dev.nitroattest.der.StrictDer;
import java.math.BigInteger;
import java.util.List;

/**
 * The values of the extensions the verifier reads, in DER. An extension's value is an OCTET STRING holding its own
 * encoding, which the certificate's DER check does not open: this checks that those of basicConstraints and keyUsage
 * are DER too, including the rules that re-encoding alone does not show (a DEFAULT value is omitted, a named bit
 * list has no trailing zero bits), and reads them.
 */
final class ExtensionValues {
    private ExtensionValues() {
    }

    /**
     * A basicConstraints value.
     *
     * @param isCa cA
     * @param pathLength pathLenConstraint, or null when there is none
     */
    record BasicConstraints(boolean isCa, BigInteger pathLength) {
    }

    /**
     * {@code BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER (0..MAX) OPTIONAL }}.
     *
     * @param value the extnValue's content
     */
    static BasicConstraints basicConstraints(byte[] value, CertificateLabel label) throws Rejection {
        Element sequence = der(value, label, "basicConstraints");
        try {
            if (sequence.tag() != DerReader.SEQUENCE || elementCount(value, sequence) > 2) {
                throw label.untrusted(" has a basicConstraints value that is not a sequence of at "
                        + "most two elements.");
            }
            DerReader fields = DerReader.contentOf(value, sequence);
            boolean isCa = false;
            if (fields.nextHasTag(DerReader.BOOLEAN)) {
                isCa = fields.readBoolean("cA");
                if (!isCa) {
                    throw label.untrusted(" encodes basicConstraints' DEFAULT cA FALSE explicitly; DER "
                            + "omits a value equal to its DEFAULT.");
                }
            }
            BigInteger pathLength = fields.atEnd() ? null : fields.readInteger("pathLenConstraint");
            fields.requireEnd("pathLenConstraint");
            return new BasicConstraints(isCa, pathLength);
        } catch (DerException e) {
            throw label.untrusted(" has a basicConstraints value that is not an optional cA BOOLEAN followed by an "
                    + "optional pathLenConstraint INTEGER.");
        }
    }

    /**
     * {@code KeyUsage ::= BIT STRING}, a named bit list: DER removes its trailing zero bits, and one bit is set.
     *
     * @param value the extnValue's content
     * @return the bits, the first byte's in the low byte ({@link KeyUsageBit}'s layout)
     */
    static int keyUsage(byte[] value, CertificateLabel label) throws Rejection {
        Element element = der(value, label, "keyUsage");
        if (element.tag() != DerReader.BIT_STRING) {
            throw label.untrusted(" has a keyUsage value that is not a BIT STRING.");
        }
        int padBits = value[element.contentStart()];
        int length = element.length() - 1;
        if (length == 0) {
            throw label.untrusted(" has a keyUsage with no bit set; RFC 5280 requires one.");
        }
        // The DER check has made the unused bits zero: the lowest bit in use must be set.
        int last = value[element.end() - 1] & 0xff;
        if ((last >> padBits & 1) == 0) {
            throw label.untrusted(" has a keyUsage BIT STRING with trailing zero bits or set "
                    + "unused bits; DER writes a named bit list up to its last set bit.");
        }
        int bits = 0;
        for (int i = 0; i < Math.min(length, 2); i++) {
            bits |= (value[element.contentStart() + 1 + i] & 0xff) << (8 * i);
        }
        return bits;
    }

    private static int elementCount(byte[] value, Element sequence) throws DerException {
        DerReader fields = DerReader.contentOf(value, sequence);
        int count = 0;
        while (!fields.atEnd()) {
            fields.next();
            count++;
        }
        return count;
    }

    /** {@code critical BOOLEAN DEFAULT FALSE}: DER leaves a FALSE out. */
    static void checkCriticalFlags(List<Extension> extensions, CertificateLabel label) throws Rejection {
        for (Extension extension : extensions) {
            if (extension.criticalWritten() && !extension.critical()) {
                throw label.untrusted(" writes critical FALSE in its extension "
                        + CertificateDecoder.quoted(extension.id()) + "; DER omits a value equal to its DEFAULT.");
            }
        }
    }

    private static Element der(byte[] value, CertificateLabel label, String name) throws Rejection {
        try {
            return StrictDer.check(value);
        } catch (DerException e) {
            throw label.untrusted(" has a " + name + " extension value that is not in DER.");
        }
    }
}
