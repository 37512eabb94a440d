package dev.nitroattest.tls;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.ExpectedPcrs;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.testkit.CertificateSpec;
import dev.nitroattest.testkit.DocumentBuilder;
import dev.nitroattest.testkit.EcCurve;
import dev.nitroattest.testkit.EcKeyPair;
import dev.nitroattest.testkit.FixedKeyManager;
import dev.nitroattest.testkit.TestCertificates;
import dev.nitroattest.testkit.TestPki;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.net.ssl.SSLContext;

/**
 * An enclave made of the test kit's parts: a P-384 key, a document from the test PKI binding it, and a certificate
 * carrying the document; the verifier a relying service would build for it, at a fixed instant.
 */
final class TestEnclave {
    static final TestPki PKI = TestPki.standard();
    static final Instant NOW = PKI.documentTime().plusSeconds(60);
    static final Duration MAX_AGE = Duration.ofMinutes(10);
    static final EcKeyPair KEY = key("the enclave's TLS key");

    private TestEnclave() {
    }

    static EcKeyPair key(String seed) {
        return EcKeyPair.derive(EcCurve.P384, seed);
    }

    /** A genuine document for this key, from the test PKI's NSM, with the test kit's (non-debug) PCRs. */
    static DocumentBuilder document(EcKeyPair key) {
        return DocumentBuilder.forPki(PKI).publicKey(key.subjectPublicKeyInfo());
    }

    /** A certificate for this key carrying this document in the attestation extension, valid an hour either side. */
    static CertificateSpec.Builder certificate(EcKeyPair key, byte[] document) {
        return bare(key).extraExtension(AttestationExtension.OID, false, AttestationExtension.value(document));
    }

    /** A certificate for this key with no attestation extension. */
    static CertificateSpec.Builder bare(EcKeyPair key) {
        return CertificateSpec.builder().subject("CN=attested enclave").subjectKey(key).serial(BigInteger.TEN)
                .validity(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(1)));
    }

    static X509Certificate genuine() throws Exception {
        return x509(TestCertificates.issue(certificate(KEY, document(KEY).build()).build()).der());
    }

    static X509Certificate x509(CertificateSpec.Builder spec) throws Exception {
        return x509(TestCertificates.issue(spec.build()).der());
    }

    static X509Certificate x509(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    static AttestationVerifier verifier(Clock clock) throws Exception {
        return pinningTheTestImage().clock(clock).maxAge(MAX_AGE).build();
    }

    /** The verifier's builder with the test PKI's root and the test image's PCR0, its age not decided yet. */
    static AttestationVerifier.Builder pinningTheTestImage() throws Exception {
        return AttestationVerifier.builder().trustAnchors(TrustAnchor.fromPem(PKI.rootPem()))
                .expectPcrs(ExpectedPcrs.builder().accept(0, AttestationDocument.parse(document(KEY).build()).pcrs()
                        .get(0).orElseThrow().toHex()).build());
    }

    static AttestationVerifier verifier() throws Exception {
        return verifier(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static PrivateKey privateKey(EcKeyPair key) {
        return key.jcaPrivateKey();
    }

    /** A server context presenting this certificate and signing the handshake with this key (the right one or not). */
    static SSLContext server(X509Certificate certificate, PrivateKey signingKey) {
        return AttestedTls.context(new FixedKeyManager(certificate, signingKey), null);
    }
}
