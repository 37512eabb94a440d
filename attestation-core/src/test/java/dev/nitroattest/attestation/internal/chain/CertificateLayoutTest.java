package dev.nitroattest.attestation.internal.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.internal.CertificatePosition;
import dev.nitroattest.attestation.internal.Fault;
import dev.nitroattest.attestation.internal.Rejection;
import dev.nitroattest.der.DerException;
import dev.nitroattest.der.DerReader;
import dev.nitroattest.testkit.TestPki;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The certificate's structure (RFC 5280 4.1), one rule at a time, on the test kit's leaf with one field changed (its
 * signature is not checked here, so nothing is re-signed). {@link CertificateLayout#parse} is also what
 * {@code Es384PublicKey.of} reads a certificate with, without the whole-certificate DER check, so each of its own
 * checks is pinned on it directly.
 */
@DisplayName("X.509 structure: each field in its place and of its type")
class CertificateLayoutTest {
    private static final int TBS = 0;
    private static final int VERSION = 0;
    private static final int ISSUER = 3;
    private static final int VALIDITY = 4;
    private static final int SUBJECT = 5;
    private static final int SPKI = 6;
    private static final int EXTENSIONS = 7;
    private static final CertificateLabel LEAF = new CertificateLabel(CertificatePosition.LEAF, "the leaf");

    private static DerTree leaf() {
        return DerTree.parse(TestPki.standard().leaf().der());
    }

    private static String refused(DerTree certificate) {
        return assertThrows(DerException.class, () -> CertificateLayout.parse(certificate.encode())).getMessage();
    }

    @Test
    @DisplayName("the test kit's leaf reads: version 3, its fields in their places, its extensions in order")
    void theLeafReads() throws DerException {
        byte[] der = TestPki.standard().leaf().der();
        CertificateLayout layout = CertificateLayout.parse(der);
        assertEquals(3, layout.version());
        assertEquals(CertificateDecoder.ECDSA_WITH_SHA384, layout.outerAlgorithm().id());
        assertEquals(List.of("2.5.29.19", "2.5.29.15"), layout.extensions().stream().limit(2)
                .map(extension -> extension.id().toString()).toList());
        assertTrue(layout.extensions().get(0).critical() && layout.extensions().get(0).criticalWritten());
    }

    @Test
    @DisplayName("bytes after the certificate, or a fourth element in it, are refused")
    void nothingAfterTheSignature() {
        byte[] der = TestPki.standard().leaf().der();
        byte[] trailing = java.util.Arrays.copyOf(der, der.length + 1);
        assertEquals("bytes follow the certificate",
                assertThrows(DerException.class, () -> CertificateLayout.parse(trailing)).getMessage());
        DerTree fourElements = leaf();
        fourElements.children.add(DerTree.of("0500"));
        assertEquals("bytes follow signatureValue", refused(fourElements));
    }

    @Nested
    @DisplayName("version [0] EXPLICIT INTEGER: 0, 1 or 2, alone")
    class Version {
        @ParameterizedTest
        @ValueSource(strings = {"020103", "0201ff", "02020100"})
        @DisplayName("a version X.509 does not define (3, -1, 256) is refused")
        void undefinedVersions(String integer) {
            DerTree certificate = leaf();
            certificate.at(TBS, VERSION).children.set(0, DerTree.of(integer));
            assertTrue(refused(certificate).contains("is not one X.509 defines"));
        }

        @Test
        @DisplayName("versions 0 and 1 are X.509 versions 1 and 2; no version field is version 1")
        void versionNumbers() throws DerException {
            DerTree certificate = leaf();
            certificate.at(TBS).children.remove(EXTENSIONS);
            certificate.at(TBS, VERSION).children.set(0, DerTree.of("020101"));
            assertEquals(2, CertificateLayout.parse(certificate.encode()).version());
            certificate.at(TBS, VERSION).children.set(0, DerTree.of("020100"));
            assertEquals(1, CertificateLayout.parse(certificate.encode()).version());
            certificate.at(TBS).children.remove(VERSION);
            assertEquals(1, CertificateLayout.parse(certificate.encode()).version());
        }

        @Test
        @DisplayName("a second element in the version's [0] is refused")
        void oneElement() {
            DerTree certificate = leaf();
            certificate.at(TBS, VERSION).children.add(DerTree.of("020102"));
            assertEquals("bytes follow version", refused(certificate));
        }

        @Test
        @DisplayName("a version 1 certificate has nothing after subjectPublicKeyInfo, a version 2 no extensions")
        void fieldsOfOlderVersions() {
            DerTree version1 = leaf();
            version1.at(TBS).children.remove(VERSION);
            assertTrue(refused(version1).contains("version 1 certificate has fields after"));
            DerTree version2 = leaf();
            version2.at(TBS, VERSION).children.set(0, DerTree.of("020101"));
            assertTrue(refused(version2).contains("version 2 certificate has extensions"));
        }
    }

    @Test
    @DisplayName("validity is two times, each a UTCTime or a GeneralizedTime")
    void validity() throws DerException {
        DerTree three = leaf();
        three.at(TBS, VALIDITY).children.add(DerTree.of("170d3236303330323130303030305a"));
        assertEquals("bytes follow notAfter", refused(three));
        DerTree integer = leaf();
        integer.at(TBS, VALIDITY).children.set(0, DerTree.of("020101"));
        assertTrue(refused(integer).contains("notBefore is neither"));
        DerTree generalized = leaf();
        generalized.at(TBS, VALIDITY).children.set(0, DerTree.of("180f32303530303130313030303030305a"));
        generalized.at(TBS, VALIDITY).children.set(1, DerTree.of("180f32303530303130313030303030305a"));
        assertEquals(DerReader.GENERALIZED_TIME, CertificateLayout.parse(generalized.encode()).notBefore().tag());
    }

    @Test
    @DisplayName("subjectPublicKeyInfo and an AlgorithmIdentifier have no third element")
    void twoElementSequences() {
        DerTree keyInfo = leaf();
        keyInfo.at(TBS, SPKI).children.add(DerTree.of("0500"));
        assertEquals("bytes follow subjectPublicKey", refused(keyInfo));
        DerTree algorithm = leaf();
        algorithm.at(TBS, SPKI, 0).children.add(DerTree.of("0500"));
        assertEquals("bytes follow the key's algorithm's parameters", refused(algorithm));
    }

    @Test
    @DisplayName("issuerUniqueID [1] and subjectUniqueID [2] are read in their order before [3], and nothing after")
    void uniqueIdsAndTheEnd() throws DerException {
        DerTree certificate = leaf();
        certificate.at(TBS).children.add(EXTENSIONS, DerTree.primitive(0x82, "0041"));
        certificate.at(TBS).children.add(EXTENSIONS, DerTree.primitive(0x81, "00ff"));
        assertEquals(certificate.at(TBS, EXTENSIONS + 2).children.size(), 1);
        CertificateLayout layout = CertificateLayout.parse(certificate.encode());
        assertEquals(CertificateLayout.parse(TestPki.standard().leaf().der()).extensions().size(),
                layout.extensions().size());
        DerTree after = leaf();
        after.at(TBS).children.add(DerTree.primitive(0x81, "00ff"));
        assertEquals("bytes follow the last field of tbsCertificate", refused(after));
        DerTree badBits = leaf();
        badBits.at(TBS).children.add(EXTENSIONS, DerTree.primitive(0x81, "08ff"));
        assertTrue(refused(badBits).contains("issuerUniqueID"));
    }

    @Test
    @DisplayName("extensions: one SEQUENCE in [3], each extension of two or three elements, each OID once")
    void extensions() {
        DerTree twoLists = leaf();
        twoLists.at(TBS, EXTENSIONS).children.add(DerTree.of("3000"));
        assertEquals("bytes follow the extensions", refused(twoLists));
        DerTree fourElements = leaf();
        fourElements.at(TBS, EXTENSIONS, 0, 0).children.add(DerTree.of("0500"));
        assertEquals("bytes follow an extension's extnValue", refused(fourElements));
        DerTree twice = leaf();
        twice.at(TBS, EXTENSIONS, 0).children.add(twice.at(TBS, EXTENSIONS, 0, 0));
        assertTrue(refused(twice).contains("appears twice"));
    }

    @Test
    @DisplayName("the key's point is the BIT STRING's bytes, for Es384PublicKey.of")
    void publicKeyPoint() {
        byte[] point = CertificateDecoder.publicKeyPoint(TestPki.standard().leaf().der());
        assertArrayEquals(TestPki.standard().leaf().key().publicKeyUncompressed(), point);
        assertThrows(IllegalArgumentException.class, () -> CertificateDecoder.publicKeyPoint(new byte[] {0x30, 0}));
    }

    @Nested
    @DisplayName("the decoder's sentences for what the layout and the DER check refuse")
    class DecoderSentences {
        @Test
        @DisplayName("BER that is not DER is 'not in DER'; a broken structure is 'not a well-formed X.509 certificate'")
        void notDerAndMalformed() {
            byte[] der = TestPki.standard().leaf().der();
            byte[] longLength = new byte[der.length + 1];
            // The outer SEQUENCE's two length bytes (0x82 LL LL) written in three (0x83 00 LL LL).
            longLength[0] = 0x30;
            longLength[1] = (byte) 0x83;
            System.arraycopy(der, 2, longLength, 3, der.length - 2);
            Rejection notDer = assertThrows(Rejection.class,
                    () -> CertificateDecoder.decode(longLength, CertificatePosition.LEAF));
            assertTrue(notDer.detail().endsWith(" is not in DER, the only encoding X.509 signatures are defined over."),
                    notDer.detail());
            DerTree noSignature = leaf();
            noSignature.children.remove(2);
            Rejection malformed = assertThrows(Rejection.class,
                    () -> CertificateDecoder.decode(noSignature.encode(), CertificatePosition.LEAF));
            assertTrue(malformed.detail().endsWith(" is not a well-formed X.509 certificate."), malformed.detail());
        }

        @Test
        @DisplayName("key parameters other than P-384's OID are shown: NULL by name, anything else as hex")
        void keyParameters() {
            for (String[] parameters : new String[][] {{"0500", "NULL"}, {"3003020101", "#3003020101"}}) {
                DerTree certificate = leaf();
                certificate.at(TBS, SPKI, 0).children.set(1, DerTree.of(parameters[0]));
                Rejection rejection = assertThrows(Rejection.class,
                        () -> CertificateDecoder.decode(certificate.encode(), CertificatePosition.LEAF));
                assertEquals(Fault.UNSUPPORTED_ALGORITHM, rejection.fault());
                assertTrue(rejection.detail().endsWith("(1.2.840.10045.2.1, " + parameters[1] + ")."),
                        rejection.detail());
            }
        }

        @Test
        @DisplayName("a pathLenConstraint of 16 bits is kept, of 17 bits allows any depth")
        void pathLengthBoundary() throws Rejection {
            assertEquals(65535, withBasicConstraints("30080101ff020300ffff").pathLength());
            assertEquals(Integer.MAX_VALUE, withBasicConstraints("30080101ff0203010000").pathLength());
        }

        private DecodedCertificate withBasicConstraints(String value) throws Rejection {
            DerTree certificate = leaf();
            DerTree basicConstraints = certificate.at(TBS, EXTENSIONS, 0, 0);
            basicConstraints.children.set(basicConstraints.children.size() - 1, DerTree.primitive(0x04, value));
            return CertificateDecoder.decode(certificate.encode(), CertificatePosition.LEAF);
        }
    }

    @Nested
    @DisplayName("extension values read directly")
    class Values {
        @Test
        @DisplayName("basicConstraints: a pathLenConstraint before cA is refused")
        void basicConstraintsOrder() throws Rejection {
            Rejection rejection = assertThrows(Rejection.class,
                    () -> ExtensionValues.basicConstraints(bytes("3006020100 0101ff"), LEAF));
            assertTrue(rejection.detail().contains("not an optional cA BOOLEAN followed by"), rejection.detail());
            assertEquals(new ExtensionValues.BasicConstraints(true, BigInteger.ONE),
                    ExtensionValues.basicConstraints(bytes("30060101ff020101"), LEAF));
        }

        @Test
        @DisplayName("keyUsage: no bits is refused; the second byte's bits land in the high byte")
        void keyUsageBits() throws Rejection {
            Rejection none = assertThrows(Rejection.class, () -> ExtensionValues.keyUsage(bytes("030100"), LEAF));
            assertTrue(none.detail().contains("no bit set"), none.detail());
            assertEquals(0x8086, ExtensionValues.keyUsage(bytes("0303078680"), LEAF));
            assertEquals(KeyUsageBit.KEY_CERT_SIGN, ExtensionValues.keyUsage(bytes("03020204"), LEAF));
        }
    }

    @Test
    @DisplayName("names: an empty issuer (4.1.2.4), an empty relative name (SET SIZE (1..MAX)) and, by the profile, an "
            + "empty subject are refused")
    void emptyNames() throws DerException {
        DerTree emptyIssuer = leaf();
        emptyIssuer.at(TBS).children.set(ISSUER, DerTree.of("3000"));
        assertTrue(refused(emptyIssuer).contains("the issuer is an empty name"));
        DerTree emptyIssuerRelativeName = leaf();
        emptyIssuerRelativeName.at(TBS).children.set(ISSUER, DerTree.of("30023100"));
        assertEquals("issuer has a relative name without an attribute", refused(emptyIssuerRelativeName));
        DerTree emptySubjectRelativeName = leaf();
        emptySubjectRelativeName.at(TBS, SUBJECT).children.add(DerTree.of("3100"));
        assertEquals("subject has a relative name without an attribute", refused(emptySubjectRelativeName));
        DerTree emptySubject = leaf();
        emptySubject.at(TBS).children.set(SUBJECT, DerTree.of("3000"));
        assertEquals("", CertificateLayout.parse(emptySubject.encode()).subjectText(),
                "RFC 5280 allows an empty subject beside a critical subjectAltName");
        Rejection profile = assertThrows(Rejection.class,
                () -> CertificateDecoder.decode(emptySubject.encode(), CertificatePosition.LEAF));
        assertTrue(profile.detail().contains("has an empty subject"), profile.detail());
    }

    @Test
    @DisplayName("ECDSA signature values: a lone INTEGER, three INTEGERs or a SET of two are not a sequence of two")
    void signatureValueShape() {
        for (String hex : new String[] {"020101", "3009020101020101020101", "3106020101020102"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> DerEcdsaSignature.components(bytes(hex)));
            assertEquals("not a sequence of two integers", refused.getMessage(), hex);
        }
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }
}
