package dev.nitroattest.attestation.internal.chain;

import dev.nitroattest.attestation.internal.CertificatePosition;
import dev.nitroattest.attestation.internal.Fault;
import dev.nitroattest.attestation.internal.Rejection;
import dev.nitroattest.attestation.internal.crypto.P384KeyCache;
import dev.nitroattest.attestation.internal.crypto.P384PublicKey;
import dev.nitroattest.attestation.internal.crypto.Sha384;
import dev.nitroattest.text.PrintableText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The test oracle of the certificate decoder: the decoder as it was while Bouncy Castle's ASN.1 classes decoded
 * certificates (strict DER by BC's re-encoding of the whole certificate equalling its bytes, then the same profile
 * checks), kept unchanged but for its names so that {@code CertificateDecoderDifferentialTest} can show that the
 * project's own reader decides every certificate as it did, or says why not.
 */
final class LegacyCertificateDecoder {
    private static final ASN1ObjectIdentifier SECP384R1 = new ASN1ObjectIdentifier("1.3.132.0.34");

    private LegacyCertificateDecoder() {
    }

    /**
     * Decodes a certificate whose key is decoded afresh: for trust anchors, decoded once.
     *
     * @param position where the certificate stands, which names and locates it in a rejection
     */
    static DecodedCertificate decode(byte[] der, CertificatePosition position) throws Rejection {
        return decode(der, position, null);
    }

    /**
     * Decodes a certificate, taking its key from {@code keys} when a validated chain met it before.
     *
     * @param position where the certificate stands, which names and locates it in a rejection
     * @param keys where decoded keys are kept and found again, or null to decode afresh
     */
    static DecodedCertificate decode(byte[] der, CertificatePosition position, P384KeyCache keys)
            throws Rejection {
        CertificateLabel label = CertificateLabel.of(position);
        Certificate certificate = parseStrictDer(der, label);
        try {
            label = label.withSubject(PrintableText.fromCertificate(certificate.getSubject().toString()));
            return profileChecked(der, certificate, label, keys);
        } catch (RuntimeException e) {
            // Bouncy Castle's ASN.1 classes decode nested structures lazily and signal malformed content
            // with runtime exceptions of several types.
            throw label.untrusted(" has a malformed field (" + e.getClass().getSimpleName() + ").");
        }
    }

    private static Certificate parseStrictDer(byte[] der, CertificateLabel label) throws Rejection {
        try {
            ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
            if (!Arrays.equals(primitive.getEncoded(ASN1Encoding.DER), der)) {
                throw label.untrusted(" is not in DER, the only encoding X.509 signatures are defined over.");
            }
            return Certificate.getInstance(primitive);
        } catch (IOException | RuntimeException e) {
            throw label.untrusted(" is not a well-formed X.509 certificate.");
        }
    }

    private static DecodedCertificate profileChecked(byte[] der, Certificate certificate, CertificateLabel label,
            P384KeyCache keys) throws Rejection {
        TBSCertificate tbs = certificate.getTBSCertificate();
        if (tbs.getVersionNumber() != 3) {
            throw label.untrusted(" is X.509 version " + tbs.getVersionNumber() + ", not 3.");
        }
        checkSignatureAlgorithm(certificate.getSignatureAlgorithm(), label);
        if (!tbs.getSignature().equals(certificate.getSignatureAlgorithm())) {
            throw label.untrusted(" names different signature algorithms inside and outside its signed part.");
        }
        P384PublicKey publicKey = publicKey(tbs.getSubjectPublicKeyInfo(), label, keys);
        BigInteger[] signature = signatureComponents(certificate, label);

        boolean isCa = false;
        boolean basicConstraintsCritical = false;
        int pathLength = -1;
        int keyUsage = -1;
        LegacyExtensionValues.checkCriticalFlags(certificate, label);
        Extensions extensions = tbs.getExtensions();
        if (extensions != null) {
            for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
                Extension extension = extensions.getExtension(oid);
                if (oid.equals(Extension.basicConstraints)) {
                    LegacyExtensionValues.checkBasicConstraints(extension, label);
                    BasicConstraints constraints = BasicConstraints.getInstance(extension.getParsedValue());
                    isCa = constraints.isCA();
                    basicConstraintsCritical = extension.isCritical();
                    BigInteger pathLen = constraints.getPathLenConstraint();
                    if (pathLen != null) {
                        pathLength = pathLength(pathLen, label);
                    }
                } else if (oid.equals(Extension.keyUsage)) {
                    LegacyExtensionValues.checkKeyUsage(extension, label);
                    keyUsage = keyUsageBits(KeyUsage.getInstance(extension.getParsedValue()));
                } else if (extension.isCritical()) {
                    throw label.untrusted(" has the critical extension " + oid.getId()
                            + ", which this verifier does not process.");
                }
            }
        }

        CertificateFields info = new CertificateFields(
                certificate.getSubject().toString(),
                certificate.getIssuer().toString(),
                tbs.getSerialNumber().getValue(),
                validityTime(certificate.getStartDate(), label, "notBefore"),
                validityTime(certificate.getEndDate(), label, "notAfter"),
                der.clone());
        return new DecodedCertificate(label.text(), info,
                encoded(certificate.getSubject()), encoded(certificate.getIssuer()),
                publicKey, tbsDigest(der), signature[0], signature[1], isCa, basicConstraintsCritical, pathLength,
                keyUsage);
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

    /** The bits in Bouncy Castle's KeyUsage constant layout: first octet low, second octet high. */
    private static int keyUsageBits(KeyUsage usage) {
        byte[] bits = usage.getBytes();
        int value = 0;
        for (int i = 0; i < Math.min(bits.length, 2); i++) {
            value |= (bits[i] & 0xff) << (8 * i);
        }
        return value;
    }

    private static void checkSignatureAlgorithm(AlgorithmIdentifier algorithm, CertificateLabel label)
            throws Rejection {
        if (!X9ObjectIdentifiers.ecdsa_with_SHA384.equals(algorithm.getAlgorithm())) {
            throw label.reject(Fault.UNSUPPORTED_ALGORITHM, " is signed with "
                    + algorithm.getAlgorithm().getId() + "; only ecdsa-with-SHA384 is accepted.");
        }
        if (algorithm.getParameters() != null) {
            throw label.untrusted(" gives parameters for ecdsa-with-SHA384, which must have none (RFC 5758).");
        }
    }

    private static P384PublicKey publicKey(SubjectPublicKeyInfo keyInfo, CertificateLabel label, P384KeyCache keys)
            throws Rejection {
        AlgorithmIdentifier algorithm = keyInfo.getAlgorithm();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
                || !SECP384R1.equals(algorithm.getParameters())) {
            throw label.reject(Fault.UNSUPPORTED_ALGORITHM,
                    " has a key that is not on the named curve P-384 (" + algorithm.getAlgorithm().getId()
                    + (algorithm.getParameters() == null ? ""
                            : ", " + PrintableText.fromCertificate(algorithm.getParameters().toString()))
                    + ").");
        }
        if (keyInfo.getPublicKeyData().getPadBits() != 0) {
            throw label.untrusted(" has a public key bit string with padding bits.");
        }
        try {
            byte[] point = keyInfo.getPublicKeyData().getOctets();
            return keys == null ? P384PublicKey.fromEncodedPoint(point) : keys.decode(point);
        } catch (IllegalArgumentException e) {
            throw label.untrusted(" has a public key that is not a valid P-384 point.");
        }
    }

    private static BigInteger[] signatureComponents(Certificate certificate, CertificateLabel label)
            throws Rejection {
        if (certificate.getSignature().getPadBits() != 0) {
            throw label.untrusted(" has a signature bit string with padding bits.");
        }
        try {
            return LegacyDerEcdsaSignature.components(certificate.getSignature().getOctets());
        } catch (IllegalArgumentException e) {
            throw label.untrusted(" has a signature value that is not a DER ECDSA signature (" + e.getMessage()
                    + ").");
        }
    }

    /** SHA-384 over the TBSCertificate's bytes exactly as they stand in the certificate. */
    private static byte[] tbsDigest(byte[] der) {
        int tbsStart = LegacyDerSpans.contentStart(der, 0);
        int tbsEnd = LegacyDerSpans.end(der, tbsStart);
        return Sha384.digest(der, tbsStart, tbsEnd - tbsStart);
    }

    private static byte[] encoded(org.bouncycastle.asn1.x500.X500Name name) {
        try {
            return name.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("re-encoding a decoded name cannot fail", e);
        }
    }

    /** The old glue from Bouncy Castle's Time to the text checks, which are unchanged. */
    private static Instant validityTime(Time time, CertificateLabel label, String field) throws Rejection {
        ASN1Primitive primitive = time.toASN1Primitive();
        if (primitive instanceof ASN1UTCTime) {
            return ValidityTime.decode(ValidityTime.Kind.UTC_TIME, content(primitive, label, field), label, field);
        }
        if (primitive instanceof ASN1GeneralizedTime) {
            return ValidityTime.decode(ValidityTime.Kind.GENERALIZED_TIME, content(primitive, label, field), label,
                    field);
        }
        throw label.untrusted(" has a " + field + " that is neither UTCTime nor GeneralizedTime.");
    }

    /** The time's characters as written: the content octets of its DER element (a time is always short). */
    private static String content(ASN1Primitive primitive, CertificateLabel label, String field) throws Rejection {
        try {
            byte[] encoded = primitive.getEncoded(ASN1Encoding.DER);
            return new String(encoded, 2, encoded.length - 2, StandardCharsets.US_ASCII);
        } catch (IOException | IndexOutOfBoundsException e) {
            throw label.untrusted(" has a " + field + " that cannot be encoded.");
        }
    }

}
