package dev.nitroattest.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Certificate;
import org.junit.jupiter.api.Test;

class TestCertificatesTest {
    private static final EcKeyPair KEY = EcKeyPair.derive(EcCurve.P384, "certificate tests");
    private static final EcKeyPair ISSUER_KEY = EcKeyPair.derive(EcCurve.P384, "certificate tests issuer");

    private static CertificateSpec.Builder base() {
        return CertificateSpec.builder()
                .subject("CN=subject, O=nitro-attest, C=US")
                .subjectKey(KEY)
                .serial(BigInteger.valueOf(7))
                .validity(Instant.parse("2049-12-31T23:59:59Z"), Instant.parse("2050-01-01T00:00:00Z"));
    }

    private static Certificate parsed(IssuedCertificate certificate) {
        return Certificate.getInstance(certificate.der());
    }

    @Test
    void timesAreUtcTimeThrough2049AndGeneralizedTimeFrom2050() {
        Certificate certificate = parsed(TestCertificates.issue(base().build()));
        assertInstanceOf(ASN1UTCTime.class, certificate.getStartDate().toASN1Primitive());
        assertInstanceOf(ASN1GeneralizedTime.class, certificate.getEndDate().toASN1Primitive());
        X509Certificate jdk = TestDocuments.certificate(TestCertificates.issue(base().build()).der());
        assertEquals(Instant.parse("2049-12-31T23:59:59Z"), jdk.getNotBefore().toInstant());
        assertEquals(Instant.parse("2050-01-01T00:00:00Z"), jdk.getNotAfter().toInstant());
    }

    @Test
    void namesKeepTheirRdnsInTheOrderWritten() {
        X500Name subject = parsed(TestCertificates.issue(base().build())).getSubject();
        assertEquals(BCStyle.CN, subject.getRDNs()[0].getFirst().getType());
        assertEquals(BCStyle.C, subject.getRDNs()[2].getFirst().getType());
    }

    @Test
    void withoutAnIssuerKeyTheCertificateIsSelfSignedAndVerifies() throws GeneralSecurityException {
        X509Certificate jdk = TestDocuments.certificate(TestCertificates.issue(base().build()).der());
        assertEquals(jdk.getSubjectX500Principal(), jdk.getIssuerX500Principal());
        jdk.verify(jdk.getPublicKey());
        assertEquals(3, jdk.getVersion());
        assertEquals("SHA384withECDSA", jdk.getSigAlgName());
        assertNull(jdk.getCriticalExtensionOIDs());
        assertEquals(-1, jdk.getBasicConstraints());
    }

    @Test
    void anIssuerKeySignsTheCertificateWithTheChosenHash() throws GeneralSecurityException {
        IssuedCertificate issued = TestCertificates.issue(base()
                .issuer("CN=issuer")
                .issuerKey(ISSUER_KEY)
                .signatureAlgorithm(CertificateSpec.SignatureAlgorithm.ECDSA_WITH_SHA256)
                .build());
        X509Certificate jdk = TestDocuments.certificate(issued.der());
        assertEquals("SHA256withECDSA", jdk.getSigAlgName());
        jdk.verify(TestDocuments.publicKey(ISSUER_KEY));
        assertThrows(GeneralSecurityException.class, () -> jdk.verify(TestDocuments.publicKey(KEY)));
    }

    @Test
    void nullSignatureParametersAreWrittenInBothAlgorithmIdentifiers() {
        Certificate certificate = parsed(TestCertificates.issue(base().nullSignatureParameters(true).build()));
        assertEquals(DERNull.INSTANCE, certificate.getSignatureAlgorithm().getParameters());
        assertEquals(DERNull.INSTANCE, certificate.getTBSCertificate().getSignature().getParameters());
        assertNull(parsed(TestCertificates.issue(base().build())).getSignatureAlgorithm().getParameters());
    }

    @Test
    void versionOneOmitsTheVersionField() {
        IssuedCertificate v1 = TestCertificates.issue(base().version(1).build());
        assertEquals(1, TestDocuments.certificate(v1.der()).getVersion());
        assertThrows(IllegalArgumentException.class, () -> base().version(4));
    }

    @Test
    void extensionsAreWrittenAsSpecified() {
        X509Certificate jdk = TestDocuments.certificate(TestCertificates.issue(base()
                .certificateAuthority(3, true)
                .keyUsage(false, CertificateSpec.KeyUsageBit.KEY_CERT_SIGN)
                .subjectKeyIdentifier(true)
                .crlDistributionPoint("http://crl.invalid/x.crl")
                .extraExtension("1.3.6.1.4.1.99999.1", true, new byte[] {0x05, 0x00})
                .build()).der());
        assertEquals(3, jdk.getBasicConstraints());
        assertTrue(jdk.getCriticalExtensionOIDs().contains("2.5.29.19"));
        assertTrue(jdk.getCriticalExtensionOIDs().contains("1.3.6.1.4.1.99999.1"));
        assertTrue(jdk.getNonCriticalExtensionOIDs().contains("2.5.29.15"));
        assertTrue(jdk.getNonCriticalExtensionOIDs().contains("2.5.29.14"));
        assertTrue(jdk.getNonCriticalExtensionOIDs().contains("2.5.29.31"));
        assertFalse(jdk.getNonCriticalExtensionOIDs().contains("2.5.29.35"));
        boolean[] expectedUsage = new boolean[9];
        expectedUsage[5] = true;
        assertTrue(Arrays.equals(expectedUsage, jdk.getKeyUsage()));
    }

    @Test
    void theSameSpecGivesTheSameBytesAndAChangedOneDoesNot() {
        CertificateSpec spec = base().build();
        assertEquals(TestCertificates.issue(spec), TestCertificates.issue(spec));
        assertNotEquals(TestCertificates.issue(spec), TestCertificates.issue(spec.toBuilder().endEntity(true).build()));
    }

    @Test
    void fractionsOfASecondAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> base()
                .validity(Instant.parse("2026-01-01T00:00:00.5Z"), Instant.parse("2026-01-02T00:00:00Z")).build());
    }
}
