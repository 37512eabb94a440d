package dev.nitroattest.testkit;

import dev.nitroattest.testkit.internal.X509Writer;

/** Issues X.509 certificates from a {@link CertificateSpec}, deterministically. */
public final class TestCertificates {
    private TestCertificates() {}

    /** Builds and signs the certificate the spec describes; the same spec always gives the same bytes. */
    public static IssuedCertificate issue(CertificateSpec spec) {
        return new IssuedCertificate(X509Writer.write(spec), spec);
    }
}
