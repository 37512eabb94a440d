package dev.nitroattest.testkit.internal;

import dev.nitroattest.testkit.CertificateSpec;
import dev.nitroattest.testkit.CertificateSpec.Constraints;
import dev.nitroattest.testkit.CertificateSpec.KeyUsageBit;
import dev.nitroattest.testkit.EcKeyPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTCTime;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.Validity;

/** Encodes a {@link CertificateSpec} as a signed DER certificate with Bouncy Castle's ASN.1 classes. */
public final class X509Writer {
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private X509Writer() {}

    /** The DER of the certificate the spec describes, signed with the spec's issuer key. */
    public static byte[] write(CertificateSpec spec) {
        AlgorithmIdentifier signatureAlgorithm = signatureAlgorithm(spec);
        Extensions extensions = extensions(spec);
        TBSCertificate tbs = new TBSCertificate(
                new ASN1Integer(spec.version() - 1),
                new ASN1Integer(spec.serial()),
                signatureAlgorithm,
                new X500Name(spec.issuer()),
                new Validity(time(spec.notBefore()), time(spec.notAfter())),
                new X500Name(spec.subject()),
                SubjectPublicKeyInfo.getInstance(spec.subjectKey().subjectPublicKeyInfo()),
                null,
                null,
                extensions);
        byte[] tbsDer = withExactTimes(der(tbs), spec.notBeforeEncoding(), spec.notAfterEncoding());
        byte[] signature = spec.issuerKey().signDer(tbsDer, spec.signatureAlgorithm().hashName());
        return sequence(List.of(tbsDer, der(signatureAlgorithm), der(new DERBitString(signature))));
    }

    /**
     * The TBSCertificate with the validity times replaced, byte for byte, by the spec's exact encodings. Spliced into
     * the DER rather than parsed, because the exact encodings are often ones a parser refuses (30 February, a
     * missing second), which is what the verifier's tests need to present to it.
     */
    private static byte[] withExactTimes(byte[] tbsDer, Optional<byte[]> notBefore, Optional<byte[]> notAfter) {
        if (notBefore.isEmpty() && notAfter.isEmpty()) {
            return tbsDer;
        }
        List<byte[]> fields = new ArrayList<>(Der.elements(tbsDer));
        // version [0], serialNumber, signature, issuer, validity: the validity is the fifth field.
        int validityIndex = 4;
        List<byte[]> times = new ArrayList<>(Der.elements(fields.get(validityIndex)));
        notBefore.ifPresent(exact -> times.set(0, exact.clone()));
        notAfter.ifPresent(exact -> times.set(1, exact.clone()));
        fields.set(validityIndex, sequence(times));
        return sequence(fields);
    }

    private static byte[] sequence(List<byte[]> elements) {
        return Der.tlv(0x30, elements);
    }

    // RFC 5280 key identifier, method 1: SHA-1 of the subjectPublicKey BIT STRING's value (the EC point).
    private static byte[] keyIdentifier(EcKeyPair key) {
        return Digests.hash("SHA-1", key.publicKeyUncompressed());
    }

    private static AlgorithmIdentifier signatureAlgorithm(CertificateSpec spec) {
        ASN1ObjectIdentifier oid = new ASN1ObjectIdentifier(spec.signatureAlgorithm().oid());
        return spec.nullSignatureParameters()
                ? new AlgorithmIdentifier(oid, DERNull.INSTANCE)
                : new AlgorithmIdentifier(oid);
    }

    // RFC 5280, 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050 (and before 1950).
    private static Time time(Instant instant) {
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        if (utc.getYear() >= 1950 && utc.getYear() <= 2049) {
            return new Time(new DERUTCTime(UTC_TIME.format(utc)));
        }
        return new Time(new DERGeneralizedTime(GENERALIZED_TIME.format(utc)));
    }

    // Order of the newer AWS certificates: basicConstraints, keyUsage, SKI, AKI, CRL distribution point.
    private static Extensions extensions(CertificateSpec spec) {
        List<Extension> extensions = new ArrayList<>();
        Constraints constraints = spec.basicConstraints();
        if (constraints instanceof Constraints.EndEntity endEntity) {
            extensions.add(extension(Extension.basicConstraints, endEntity.critical(), new BasicConstraints(false)));
        } else if (constraints instanceof Constraints.Authority authority) {
            BasicConstraints value = authority.pathLen().isPresent()
                    ? new BasicConstraints(authority.pathLen().getAsInt())
                    : new BasicConstraints(true);
            extensions.add(extension(Extension.basicConstraints, authority.critical(), value));
        }
        spec.keyUsage().ifPresent(keyUsage -> extensions.add(
                extension(Extension.keyUsage, keyUsage.critical(), new KeyUsage(keyUsageMask(keyUsage)))));
        if (spec.subjectKeyIdentifier()) {
            extensions.add(extension(Extension.subjectKeyIdentifier, false,
                    new SubjectKeyIdentifier(keyIdentifier(spec.subjectKey()))));
        }
        if (spec.authorityKeyIdentifier()) {
            extensions.add(extension(Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(keyIdentifier(spec.issuerKey()))));
        }
        spec.crlDistributionPoint().ifPresent(uri ->
                extensions.add(extension(Extension.cRLDistributionPoints, false, crlDistributionPoint(uri))));
        for (CertificateSpec.ExtraExtension extra : spec.extraExtensions()) {
            extensions.add(new Extension(new ASN1ObjectIdentifier(extra.oid()), extra.critical(), extra.derValue()));
        }
        return extensions.isEmpty() ? null : new Extensions(extensions.toArray(new Extension[0]));
    }

    private static CRLDistPoint crlDistributionPoint(String uri) {
        GeneralNames fullName = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
        return new CRLDistPoint(new DistributionPoint[] {
            new DistributionPoint(new DistributionPointName(fullName), null, null)
        });
    }

    private static Extension extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        return new Extension(oid, critical, der(value));
    }

    private static int keyUsageMask(CertificateSpec.KeyUsage keyUsage) {
        int mask = 0;
        for (KeyUsageBit bit : keyUsage.bits()) {
            mask |= switch (bit) {
                case DIGITAL_SIGNATURE -> KeyUsage.digitalSignature;
                case NON_REPUDIATION -> KeyUsage.nonRepudiation;
                case KEY_ENCIPHERMENT -> KeyUsage.keyEncipherment;
                case DATA_ENCIPHERMENT -> KeyUsage.dataEncipherment;
                case KEY_AGREEMENT -> KeyUsage.keyAgreement;
                case KEY_CERT_SIGN -> KeyUsage.keyCertSign;
                case CRL_SIGN -> KeyUsage.cRLSign;
                case ENCIPHER_ONLY -> KeyUsage.encipherOnly;
                case DECIPHER_ONLY -> KeyUsage.decipherOnly;
            };
        }
        return mask;
    }

    private static byte[] der(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
