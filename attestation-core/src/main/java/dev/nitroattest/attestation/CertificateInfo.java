package dev.nitroattest.attestation;

import dev.nitroattest.attestation.internal.chain.CertificateFields;
import dev.nitroattest.bytes.Bytes;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * One certificate of a validated chain: what was checked, and the exact DER that was checked.
 *
 * @param subject the subject distinguished name, RFC 4514 style
 * @param issuer the issuer distinguished name, RFC 4514 style
 */
public record CertificateInfo(
        String subject, String issuer, BigInteger serialNumber, Instant notBefore, Instant notAfter, Bytes der) {

    /** Checks that every component is present. */
    public CertificateInfo {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(der, "der");
    }

    /** The public view of what the internal decoder read; the DER is copied into {@code Bytes}. */
    static CertificateInfo of(CertificateFields fields) {
        return new CertificateInfo(fields.subject(), fields.issuer(), fields.serialNumber(), fields.notBefore(),
                fields.notAfter(), Bytes.of(fields.der()));
    }

    /** SHA-256 of the DER encoding, the usual certificate fingerprint. */
    public Bytes sha256Fingerprint() {
        try {
            return Bytes.of(MessageDigest.getInstance("SHA-256").digest(der.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** The certificate as a JDK object, for code that needs one; decoded anew on each call. */
    public X509Certificate toX509Certificate() {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der.toByteArray()));
        } catch (CertificateException e) {
            throw new IllegalStateException("a certificate this library validated could not be decoded by the JDK", e);
        }
    }
}
