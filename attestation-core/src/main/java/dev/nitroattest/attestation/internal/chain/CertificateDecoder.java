package dev.nitroattest.attestation.internal.chain;

import dev.nitroattest.attestation.internal.CertificatePosition;
import dev.nitroattest.attestation.internal.Fault;
import dev.nitroattest.attestation.internal.Rejection;
import dev.nitroattest.attestation.internal.chain.CertificateLayout.Algorithm;
import dev.nitroattest.attestation.internal.chain.CertificateLayout.Extension;
import dev.nitroattest.attestation.internal.crypto.P384KeyCache;
import dev.nitroattest.attestation.internal.crypto.P384PublicKey;
import dev.nitroattest.attestation.internal.crypto.Sha384;
import dev.nitroattest.der.DerException;
import dev.nitroattest.der.DerReader;
import dev.nitroattest.der.DerReader.Element;
import dev.nitroattest.der.ObjectIdentifier;
import dev.nitroattest.der.StrictDer;
import dev.nitroattest.text.PrintableText;
import java.math.BigInteger;
import java.util.HexFormat;

/**
 * Decodes an X.509 certificate of the AWS Nitro profile with the project's own DER reader (not the JDK's
 * CertificateFactory, whose EC arithmetic is several times slower, nor Bouncy Castle's ASN.1 classes, whose first use
 * costs a command-line run most of its set-up): strict DER everywhere in the certificate, version 3,
 * ecdsa-with-SHA384 without parameters, a P-384 named-curve key, and no critical extension other than
 * basicConstraints and keyUsage, the two this validator processes.
 */
public final class CertificateDecoder {
    static final ObjectIdentifier ECDSA_WITH_SHA384 = ObjectIdentifier.of("1.2.840.10045.4.3.3");
    static final ObjectIdentifier EC_PUBLIC_KEY = ObjectIdentifier.of("1.2.840.10045.2.1");
    /** secp384r1 (1.3.132.0.34) as its DER content, 2B 81 04 00 22: the one curve of the profile. */
    static final ObjectIdentifier SECP384R1 = ObjectIdentifier.of("1.3.132.0.34");
    static final ObjectIdentifier BASIC_CONSTRAINTS = ObjectIdentifier.of("2.5.29.19");
    static final ObjectIdentifier KEY_USAGE = ObjectIdentifier.of("2.5.29.15");

    private CertificateDecoder() {
    }

    /**
     * Decodes a certificate whose key is decoded afresh: for trust anchors, decoded once.
     *
     * @param position where the certificate stands, which names and locates it in a rejection
     */
    public static DecodedCertificate decode(byte[] der, CertificatePosition position) throws Rejection {
        return decode(der, position, null);
    }

    /**
     * Decodes a certificate, taking its key from {@code keys} when a validated chain met it before.
     *
     * @param position where the certificate stands, which names and locates it in a rejection
     * @param keys where decoded keys are kept and found again, or null to decode afresh
     */
    public static DecodedCertificate decode(byte[] der, CertificatePosition position, P384KeyCache keys)
            throws Rejection {
        CertificateLabel label = CertificateLabel.of(position);
        CertificateLayout layout = parseStrictDer(der, label);
        label = label.withSubject(PrintableText.fromCertificate(layout.subjectText()));
        return profileChecked(layout, label, keys);
    }

    /**
     * The P-384 point of a certificate this library decoded before (so its DER and structure are known good).
     *
     * @throws IllegalArgumentException if the bytes are not a certificate's structure
     */
    public static byte[] publicKeyPoint(byte[] der) {
        try {
            return CertificateLayout.parse(der).publicKeyPoint();
        } catch (DerException e) {
            throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage(), e);
        }
    }

    private static CertificateLayout parseStrictDer(byte[] der, CertificateLabel label) throws Rejection {
        try {
            StrictDer.check(der);
            return CertificateLayout.parse(der);
        } catch (DerException e) {
            if (e.kind() == DerException.Kind.NOT_DER) {
                throw label.untrusted(" is not in DER, the only encoding X.509 signatures are defined over.");
            }
            throw label.untrusted(" is not a well-formed X.509 certificate.");
        }
    }

    private static DecodedCertificate profileChecked(CertificateLayout layout, CertificateLabel label,
            P384KeyCache keys) throws Rejection {
        byte[] der = layout.der();
        if (layout.version() != 3) {
            throw label.untrusted(" is X.509 version " + layout.version() + ", not 3.");
        }
        if (layout.subject().length() == 0) {
            throw label.untrusted(" has an empty subject, which RFC 5280 allows only beside a critical "
                    + "subjectAltName, an extension this verifier does not process.");
        }
        checkSignatureAlgorithm(layout.outerAlgorithm(), label);
        if (!layout.innerAlgorithm().encoding().sameEncoding(der, layout.outerAlgorithm().encoding(), der)) {
            throw label.untrusted(" names different signature algorithms inside and outside its signed part.");
        }
        P384PublicKey publicKey = publicKey(layout, label, keys);
        BigInteger[] signature = signatureComponents(layout.signature(), label);

        boolean isCa = false;
        boolean basicConstraintsCritical = false;
        int pathLength = -1;
        int keyUsage = -1;
        ExtensionValues.checkCriticalFlags(layout.extensions(), label);
        for (Extension extension : layout.extensions()) {
            if (extension.id().equals(BASIC_CONSTRAINTS)) {
                ExtensionValues.BasicConstraints constraints =
                        ExtensionValues.basicConstraints(extension.value().content(der), label);
                isCa = constraints.isCa();
                basicConstraintsCritical = extension.critical();
                if (constraints.pathLength() != null) {
                    pathLength = pathLength(constraints.pathLength(), label);
                }
            } else if (extension.id().equals(KEY_USAGE)) {
                keyUsage = ExtensionValues.keyUsage(extension.value().content(der), label);
            } else if (extension.critical()) {
                throw label.untrusted(" has the critical extension " + quoted(extension.id())
                        + ", which this verifier does not process.");
            }
        }

        CertificateFields info = new CertificateFields(
                layout.subjectText(),
                layout.issuerText(),
                layout.serialNumber(),
                ValidityTime.decode(der, layout.notBefore(), label, "notBefore"),
                ValidityTime.decode(der, layout.notAfter(), label, "notAfter"),
                der.clone());
        return new DecodedCertificate(label.text(), info,
                layout.subject().encoding(der), layout.issuer().encoding(der),
                publicKey, tbsDigest(der, layout.tbs()), signature[0], signature[1], isCa, basicConstraintsCritical,
                pathLength, keyUsage);
    }

    /**
     * A pathLenConstraint as an int (a huge one allows any depth). RFC 5280 defines it as 0 or more; a negative
     * one is refused, because -1 means "no constraint" to {@link DecodedCertificate#pathLength()}.
     */
    private static int pathLength(BigInteger pathLen, CertificateLabel label) throws Rejection {
        if (pathLen.signum() < 0) {
            throw label.untrusted(" has the negative pathLenConstraint " + pathLen
                    + " in its basicConstraints; RFC 5280 allows only 0 or more.");
        }
        return pathLen.bitLength() > 16 ? Integer.MAX_VALUE : pathLen.intValueExact();
    }

    private static void checkSignatureAlgorithm(Algorithm algorithm, CertificateLabel label) throws Rejection {
        if (!algorithm.id().equals(ECDSA_WITH_SHA384)) {
            throw label.reject(Fault.UNSUPPORTED_ALGORITHM, " is signed with "
                    + quoted(algorithm.id()) + "; only ecdsa-with-SHA384 is accepted.");
        }
        if (algorithm.parameters() != null) {
            throw label.untrusted(" gives parameters for ecdsa-with-SHA384, which must have none (RFC 5758).");
        }
    }

    private static P384PublicKey publicKey(CertificateLayout layout, CertificateLabel label, P384KeyCache keys)
            throws Rejection {
        byte[] der = layout.der();
        Algorithm algorithm = layout.keyAlgorithm();
        Element parameters = algorithm.parameters();
        if (!algorithm.id().equals(EC_PUBLIC_KEY) || parameters == null
                || parameters.tag() != DerReader.OBJECT_IDENTIFIER || !SECP384R1.isContentOf(der, parameters)) {
            throw label.reject(Fault.UNSUPPORTED_ALGORITHM,
                    " has a key that is not on the named curve P-384 (" + quoted(algorithm.id())
                    + (parameters == null ? "" : ", " + PrintableText.fromCertificate(parametersText(der, parameters)))
                    + ").");
        }
        if (layout.publicKey().unusedBits() != 0) {
            throw label.untrusted(" has a public key bit string with padding bits.");
        }
        try {
            byte[] point = layout.publicKeyPoint();
            return keys == null ? P384PublicKey.fromEncodedPoint(point) : keys.decode(point);
        } catch (IllegalArgumentException e) {
            throw label.untrusted(" has a public key that is not a valid P-384 point.");
        }
    }

    /** Key parameters other than P-384's as a rejection shows them: an OID dotted, NULL, or else the DER in hex. */
    private static String parametersText(byte[] der, Element parameters) {
        if (parameters.tag() == DerReader.OBJECT_IDENTIFIER) {
            try {
                return ObjectIdentifier.fromContent(parameters.content(der), "the key's parameters").toString();
            } catch (DerException e) {
                throw new IllegalStateException("the certificate's DER check passed this OID", e);
            }
        }
        if (parameters.tag() == DerReader.NULL) {
            return "NULL";
        }
        return "#" + HexFormat.of().formatHex(der, parameters.start(), parameters.end());
    }

    private static BigInteger[] signatureComponents(DerReader.BitString signature, CertificateLabel label)
            throws Rejection {
        if (signature.unusedBits() != 0) {
            throw label.untrusted(" has a signature bit string with padding bits.");
        }
        try {
            return DerEcdsaSignature.components(signature.bytes());
        } catch (IllegalArgumentException e) {
            throw label.untrusted(" has a signature value that is not a DER ECDSA signature (" + e.getMessage()
                    + ").");
        }
    }

    /**
     * An identifier the certificate wrote, for a rejection: cut like a name, as a certificate of 1 KiB can hold one
     * of some 2,400 digits.
     */
    static String quoted(ObjectIdentifier id) {
        return PrintableText.fromCertificate(id.toString());
    }

    /** SHA-384 over the TBSCertificate's bytes exactly as they stand in the certificate. */
    private static byte[] tbsDigest(byte[] der, Element tbs) {
        return Sha384.digest(der, tbs.start(), tbs.end() - tbs.start());
    }
}
