package dev.nitroattest.cli.render;

import dev.nitroattest.attestation.CertificateInfo;
import dev.nitroattest.bytes.Bytes;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.Certificate;

/**
 * What the tool shows of a certificate. Certificates of a verified chain come from the verifier; those of a document
 * that was not verified are decoded here with Bouncy Castle's ASN.1 classes, as the verifier decodes them, so that
 * names print the same way in both cases. Decoding here checks nothing: it is for display only.
 *
 * @param subject the subject distinguished name
 * @param issuer the issuer distinguished name
 * @param serialHex the serial number in hexadecimal
 */
public record CertificateSummary(
        String subject, String issuer, String serialHex, Instant notBefore, Instant notAfter, Bytes der) {

    public CertificateSummary {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(serialHex, "serialHex");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(der, "der");
    }

    /** A certificate of a validated chain. */
    public static CertificateSummary of(CertificateInfo info) {
        return new CertificateSummary(info.subject(), info.issuer(), info.serialNumber().toString(16),
                info.notBefore(), info.notAfter(), info.der());
    }

    /** Decodes a DER certificate for display, or empty if it is not an X.509 certificate at all. */
    public static Optional<CertificateSummary> decode(Bytes der) {
        try {
            Certificate certificate = Certificate.getInstance(ASN1Primitive.fromByteArray(der.toByteArray()));
            return Optional.of(new CertificateSummary(
                    certificate.getSubject().toString(),
                    certificate.getIssuer().toString(),
                    certificate.getSerialNumber().getValue().toString(16),
                    certificate.getStartDate().getDate().toInstant(),
                    certificate.getEndDate().getDate().toInstant(),
                    der));
        } catch (IOException | RuntimeException e) {
            // Bouncy Castle reports malformed ASN.1 with IOException or, for lazily decoded parts, runtime exceptions.
            return Optional.empty();
        }
    }

    /** SHA-256 of the DER, in hexadecimal: the usual certificate fingerprint. */
    public String sha256Fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
