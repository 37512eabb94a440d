package dev.nitroattest.testkit;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A certificate the kit issued: its DER and the spec it was issued from, so that a forgery can re-issue it with
 * one thing changed ({@code TestCertificates.issue(cert.spec().toBuilder()...build())}).
 */
public record IssuedCertificate(byte[] der, CertificateSpec spec) {

    /** Copies the encoding. */
    public IssuedCertificate {
        der = der.clone();
        Objects.requireNonNull(spec, "spec");
    }

    /** The certificate's DER encoding (a fresh copy). */
    @Override
    public byte[] der() {
        return der.clone();
    }

    /** The certified key pair, private scalar included. */
    public EcKeyPair key() {
        return spec.subjectKey();
    }

    /** The subject DN as written in the spec. */
    public String subject() {
        return spec.subject();
    }

    /** The start of the validity window. */
    public Instant notBefore() {
        return spec.notBefore();
    }

    /** The end of the validity window. */
    public Instant notAfter() {
        return spec.notAfter();
    }

    /** The certificate in PEM form. */
    public String pem() {
        return Pem.certificate(der);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IssuedCertificate that && Arrays.equals(der, that.der);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(der);
    }

    @Override
    public String toString() {
        return "IssuedCertificate[" + spec.subject() + ", " + spec.notBefore() + " to " + spec.notAfter() + "]";
    }
}
