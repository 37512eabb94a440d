package dev.nitroattest.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;

class TestPkiTest {
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String SKI = "2.5.29.14";
    private static final String AKI = "2.5.29.35";
    private static final String CRL_DP = "2.5.29.31";
    // JDK keyUsage indexes
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;
    private static final int KEY_CERT_SIGN = 5;
    private static final int CRL_SIGN = 6;

    private final TestPki pki = TestPki.standard();

    /** JDK PKIX validation of leaf <- instance <- zonal <- regional with the root as the only anchor. */
    static void validate(X509Certificate root, List<X509Certificate> leafFirst, Instant at)
            throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(leafFirst), parameters);
    }

    private List<X509Certificate> leafFirst() {
        return List.of(jdk(pki.leaf()), jdk(pki.instanceCa()), jdk(pki.zonal()), jdk(pki.regional()));
    }

    private static X509Certificate jdk(IssuedCertificate certificate) {
        return TestDocuments.certificate(certificate.der());
    }

    @Test
    void theChainValidatesWithTheJdkAtDocumentTimeAndOnlyInsideItsWindow() throws GeneralSecurityException {
        X509Certificate root = jdk(pki.root());
        validate(root, leafFirst(), pki.documentTime());
        validate(root, leafFirst(), pki.chainValidFrom());
        validate(root, leafFirst(), pki.chainValidUntil());
        assertThrows(CertPathValidatorException.class,
                () -> validate(root, leafFirst(), pki.chainValidUntil().plusSeconds(1)));
        assertThrows(CertPathValidatorException.class,
                () -> validate(root, leafFirst(), pki.chainValidFrom().minusSeconds(1)));
    }

    @Test
    void anotherSeedsRootIsNoAnchorForThisChain() {
        X509Certificate otherRoot = jdk(TestPki.create("another seed", TestPki.STANDARD_LEAF_NOT_BEFORE).root());
        assertEquals(otherRoot.getSubjectX500Principal(), jdk(pki.root()).getSubjectX500Principal());
        assertThrows(CertPathValidatorException.class, () -> validate(otherRoot, leafFirst(), pki.documentTime()));
    }

    @Test
    void theRootHasTheAwsRootsExtensions() {
        X509Certificate root = jdk(pki.root());
        assertEquals(root.getSubjectX500Principal(), root.getIssuerX500Principal());
        assertEquals(Integer.MAX_VALUE, root.getBasicConstraints());
        assertEquals(Set.of(BASIC_CONSTRAINTS, KEY_USAGE), root.getCriticalExtensionOIDs());
        assertEquals(Set.of(SKI), root.getNonCriticalExtensionOIDs());
        assertKeyUsage(root, DIGITAL_SIGNATURE, KEY_CERT_SIGN, CRL_SIGN);
    }

    @Test
    void theRegionalAndZonalCasHaveTheirPathLenAndCrlDistributionPoints() {
        assertRegionalOrZonal(jdk(pki.regional()), 2);
        assertRegionalOrZonal(jdk(pki.zonal()), 1);
    }

    private static void assertRegionalOrZonal(X509Certificate ca, int pathLen) {
        assertEquals(pathLen, ca.getBasicConstraints());
        assertEquals(Set.of(BASIC_CONSTRAINTS, KEY_USAGE), ca.getCriticalExtensionOIDs());
        assertEquals(Set.of(SKI, AKI, CRL_DP), ca.getNonCriticalExtensionOIDs());
        assertKeyUsage(ca, DIGITAL_SIGNATURE, KEY_CERT_SIGN, CRL_SIGN);
    }

    @Test
    void theInstanceCaMayOnlySignCertificates() {
        X509Certificate instance = jdk(pki.instanceCa());
        assertEquals(0, instance.getBasicConstraints());
        assertEquals(Set.of(BASIC_CONSTRAINTS, KEY_USAGE), instance.getCriticalExtensionOIDs());
        assertEquals(Set.of(SKI, AKI), instance.getNonCriticalExtensionOIDs());
        assertKeyUsage(instance, KEY_CERT_SIGN);
    }

    @Test
    void theLeafIsAnEndEntityWithANonCriticalKeyUsage() {
        X509Certificate leaf = jdk(pki.leaf());
        assertEquals(-1, leaf.getBasicConstraints());
        assertEquals(Set.of(BASIC_CONSTRAINTS), leaf.getCriticalExtensionOIDs());
        assertEquals(Set.of(KEY_USAGE), leaf.getNonCriticalExtensionOIDs());
        assertKeyUsage(leaf, DIGITAL_SIGNATURE, NON_REPUDIATION);
        assertEquals(Duration.ofHours(3), Duration.between(pki.leaf().notBefore(), pki.leaf().notAfter()));
    }

    @Test
    void everyCertificateIsP384SignedWithEcdsaSha384() {
        List<IssuedCertificate> chain = List.of(pki.root(), pki.regional(), pki.zonal(), pki.instanceCa(), pki.leaf());
        for (IssuedCertificate certificate : chain) {
            X509Certificate jdk = jdk(certificate);
            assertEquals("SHA384withECDSA", jdk.getSigAlgName());
            assertEquals(EcCurve.P384, certificate.key().curve());
            assertNull(jdk.getSigAlgParams());
        }
    }

    @Test
    void eachAuthorityKeyIdentifierIsTheIssuersSubjectKeyIdentifier() {
        List<IssuedCertificate> chain = List.of(pki.root(), pki.regional(), pki.zonal(), pki.instanceCa());
        for (int i = 1; i < chain.size(); i++) {
            byte[] aki = AuthorityKeyIdentifier.getInstance(extension(jdk(chain.get(i)), AKI)).getKeyIdentifierOctets();
            byte[] ski = SubjectKeyIdentifier.getInstance(extension(jdk(chain.get(i - 1)), SKI)).getKeyIdentifier();
            assertArrayEquals(ski, aki);
            assertEquals(20, ski.length);
        }
    }

    @Test
    void windowsFollowTheLeafNotBefore() {
        Instant lnb = Instant.parse("2030-06-15T12:00:00Z");
        TestPki custom = TestPki.create("windows", lnb);
        assertEquals(Instant.parse("2025-06-15T12:00:00Z"), custom.root().notBefore());
        assertEquals(Instant.parse("2055-06-15T12:00:00Z"), custom.root().notAfter());
        assertEquals(lnb.minus(Duration.ofDays(5)), custom.regional().notBefore());
        assertEquals(lnb.plus(Duration.ofDays(15)), custom.regional().notAfter());
        assertEquals(lnb.minus(Duration.ofDays(1)), custom.zonal().notBefore());
        assertEquals(lnb.plus(Duration.ofDays(5)), custom.zonal().notAfter());
        assertEquals(lnb.minus(Duration.ofHours(2)), custom.instanceCa().notBefore());
        assertEquals(lnb.plus(Duration.ofHours(22)), custom.instanceCa().notAfter());
        assertEquals(lnb, custom.chainValidFrom());
        assertEquals(lnb.plus(Duration.ofHours(3)), custom.chainValidUntil());
        assertEquals(lnb.plus(Duration.ofHours(1)), custom.documentTime());
    }

    @Test
    void theStandardPkiIsCachedAndReproducible() {
        assertSame(TestPki.standard(), TestPki.standard());
        TestPki rebuilt = TestPki.create(TestPki.STANDARD_SEED, TestPki.STANDARD_LEAF_NOT_BEFORE);
        assertEquals(pki.leaf(), rebuilt.leaf());
        assertEquals(pki.root(), rebuilt.root());
        assertEquals(TestPki.STANDARD_LEAF_NOT_BEFORE, pki.leaf().notBefore());
        assertEquals(Instant.parse("2026-03-02T11:00:00Z"), pki.documentTime());
        assertEquals("i-0123456789abcdef0-enc0123456789abcdef", pki.moduleId());
        assertNotEquals(pki.leaf(), TestPki.create("other", TestPki.STANDARD_LEAF_NOT_BEFORE).leaf());
    }

    @Test
    void theCabundleIsRootFirstAndCopied() {
        List<byte[]> bundle = pki.cabundle();
        assertEquals(4, bundle.size());
        assertArrayEquals(pki.root().der(), bundle.get(0));
        assertArrayEquals(pki.instanceCa().der(), bundle.get(3));
        bundle.get(0)[0] ^= 1;
        assertArrayEquals(pki.root().der(), pki.cabundle().get(0));
        assertFalse(Arrays.equals(bundle.get(0), pki.root().der()));
    }

    @Test
    void theRootPemIsTheRoot() throws GeneralSecurityException {
        X509Certificate fromPem = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(pki.rootPem().getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals(pki.root().der(), fromPem.getEncoded());
        assertTrue(pki.rootPem().startsWith("-----BEGIN CERTIFICATE-----\n"));
    }

    private static void assertKeyUsage(X509Certificate certificate, int... bits) {
        boolean[] expected = new boolean[9];
        for (int bit : bits) {
            expected[bit] = true;
        }
        assertArrayEquals(expected, Arrays.copyOf(certificate.getKeyUsage(), 9));
    }

    private static byte[] extension(X509Certificate certificate, String oid) {
        return ASN1OctetString.getInstance(certificate.getExtensionValue(oid)).getOctets();
    }
}
