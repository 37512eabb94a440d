package dev.nitroattest.attestation;

import static dev.nitroattest.attestation.Fixtures.PKI;
import static dev.nitroattest.attestation.Fixtures.assertRejected;
import static dev.nitroattest.attestation.Fixtures.document;
import static dev.nitroattest.attestation.Fixtures.verifier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.testkit.CertificateSpec;
import dev.nitroattest.testkit.CertificateSpec.KeyUsageBit;
import dev.nitroattest.testkit.DocumentBuilder;
import dev.nitroattest.testkit.IssuedCertificate;
import dev.nitroattest.testkit.TestCertificates;
import dev.nitroattest.testkit.TestPki;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AWS specification 3.2.3 and 3.2.4 (semantical validation and the certificate chain), rule 3 of the
 * verifier: leaf <- cabundle[N..1] <- the pinned anchor, which cabundle[0] must be.
 */
@DisplayName("3.2.3 / 3.2.4 Certificate chain")
class CertificateChainTest {

    @Nested
    @DisplayName("3.2.4 the chain leads to the pinned anchor, never to one from the document")
    class Anchoring {
        @Test
        @DisplayName("a genuine test-kit chain verifies with its root pinned and nothing else")
        void genuineChainVerifies() throws Exception {
            VerifiedAttestation verified = verifier().verify(document().build(), Expectations.withoutNonce());
            List<CertificateInfo> chain = verified.certificateChain();
            assertEquals(5, chain.size());
            assertEquals(PKI.leaf().subject(), rfc(chain.get(0).subject()));
            assertEquals(Fixtures.TEST_ROOT.certificate(), chain.get(4));
        }

        @Test
        @DisplayName("the same document is UNTRUSTED_CHAIN for a verifier pinned to the AWS root")
        void otherAnchorIsUntrusted() {
            AttestationVerifier aws = AttestationVerifier.builder().trustAwsNitroEnclavesRoot().acceptAnyEnclaveImage()
                    .clock(java.time.Clock.fixed(Fixtures.DOCUMENT_TIME, java.time.ZoneOffset.UTC)).anyAge().build();
            assertRejected(RejectionReason.UNTRUSTED_CHAIN, aws, document().build());
        }

        @Test
        @DisplayName("cabundle[0] must be the anchor byte for byte, even when it carries the anchor's name and key")
        void firstEntryIsTheAnchorExactly() {
            IssuedCertificate reissuedRoot = TestCertificates.issue(PKI.root().spec().toBuilder()
                    .serial(java.math.BigInteger.valueOf(7)).build());
            List<byte[]> bundle = new ArrayList<>(PKI.cabundle());
            bundle.set(0, reissuedRoot.der());
            assertRejected(RejectionReason.UNTRUSTED_CHAIN, document().cabundle(bundle).build());
        }

        @Test
        @DisplayName("a shorter chain issued by the anchor itself verifies: no fixed depth is assumed")
        void leafDirectlyUnderRoot() throws Exception {
            IssuedCertificate leaf = TestCertificates.issue(PKI.leaf().spec().toBuilder()
                    .issuer(PKI.root().subject()).issuerKey(PKI.root().key()).build());
            byte[] bytes = DocumentBuilder.withSigner(leaf.key(), leaf.der(), List.of(PKI.root().der()))
                    .timestamp(Fixtures.DOCUMENT_TIME).build();
            assertEquals(2, verifier().verify(bytes, Expectations.withoutNonce()).certificateChain().size());
        }

        @Test
        @DisplayName("two pinned anchors: documents under either verify")
        void severalAnchors() throws Exception {
            TestPki other = TestPki.create("another test PKI", TestPki.STANDARD_LEAF_NOT_BEFORE);
            AttestationVerifier both = AttestationVerifier.builder()
                    .trustAnchors(Fixtures.TEST_ROOT, TrustAnchor.fromDer(other.root().der())).acceptAnyEnclaveImage()
                    .clock(java.time.Clock.fixed(Fixtures.DOCUMENT_TIME, java.time.ZoneOffset.UTC)).anyAge().build();
            both.verify(document().build(), Expectations.withoutNonce());
            both.verify(DocumentBuilder.forPki(other).build(), Expectations.withoutNonce());
        }
    }

    @Nested
    @DisplayName("3.2.3.1 every certificate, the anchor included, is valid at the verification time")
    class Validity {
        @Test
        @DisplayName("the leaf's validity bounds are inclusive; one millisecond outside is rejected")
        void leafBounds() throws Exception {
            AttestationDocument parsed = AttestationDocument.parse(document().build());
            AttestationVerifier verifier = Fixtures.verifierBuilder()
                    .maxClockSkew(AttestationVerifier.MAX_CLOCK_SKEW_LIMIT).build();
            verifier.verifyAt(PKI.chainValidUntil(), parsed, Expectations.withoutNonce());
            assertEquals(RejectionReason.CERTIFICATE_EXPIRED, assertThrows(DocumentRejectedException.class,
                    () -> verifier.verifyAt(PKI.chainValidUntil().plusMillis(1), parsed, Expectations.withoutNonce())).reason());
            assertEquals(RejectionReason.CERTIFICATE_NOT_YET_VALID, assertThrows(DocumentRejectedException.class,
                    () -> verifier.verifyAt(PKI.chainValidFrom().minusMillis(1), parsed, Expectations.withoutNonce())).reason());
        }

        @Test
        @DisplayName("an expired intermediate is CERTIFICATE_EXPIRED, naming it")
        void expiredIntermediate() {
            IssuedCertificate zonal = TestCertificates.issue(PKI.zonal().spec().toBuilder()
                    .validity(PKI.zonal().notBefore(), Fixtures.DOCUMENT_TIME.minusSeconds(1)).build());
            List<byte[]> bundle = new ArrayList<>(PKI.cabundle());
            bundle.set(2, zonal.der());
            DocumentRejectedException rejection =
                    assertRejected(RejectionReason.CERTIFICATE_EXPIRED, document().cabundle(bundle).build());
            assertTrue(rejection.detail().startsWith("cabundle[2]"), rejection.detail());
        }

        @Test
        @DisplayName("an expired anchor is CERTIFICATE_EXPIRED too")
        void expiredAnchor() {
            IssuedCertificate shortRoot = TestCertificates.issue(PKI.root().spec().toBuilder()
                    .validity(PKI.root().notBefore(), Fixtures.DOCUMENT_TIME.minus(Duration.ofMinutes(1))).build());
            List<byte[]> bundle = new ArrayList<>(PKI.cabundle());
            bundle.set(0, shortRoot.der());
            AttestationVerifier verifier = AttestationVerifier.builder().trustAnchors(TrustAnchor.fromDer(shortRoot.der()))
                    .acceptAnyEnclaveImage()
                    .clock(java.time.Clock.fixed(Fixtures.DOCUMENT_TIME, java.time.ZoneOffset.UTC)).anyAge().build();
            DocumentRejectedException rejection =
                    assertRejected(RejectionReason.CERTIFICATE_EXPIRED, verifier, document().cabundle(bundle).build());
            assertTrue(rejection.detail().startsWith("The trust anchor"), rejection.detail());
        }
    }

    @Nested
    @DisplayName("3.2.3.2 basic constraints")
    class BasicConstraints {
        @Test
        @DisplayName("an issuing certificate whose basicConstraints is not critical is UNTRUSTED_CHAIN")
        void caConstraintsMustBeCritical() {
            assertRejected(RejectionReason.UNTRUSTED_CHAIN, withIntermediate(3,
                    PKI.instanceCa().spec().toBuilder().certificateAuthority(0, false)));
        }

        @Test
        @DisplayName("an issuing certificate that is not a CA is UNTRUSTED_CHAIN")
        void issuerMustBeCa() {
            assertRejected(RejectionReason.UNTRUSTED_CHAIN, withIntermediate(2,
                    PKI.zonal().spec().toBuilder().endEntity(true)));
            assertRejected(RejectionReason.UNTRUSTED_CHAIN, withIntermediate(2,
                    PKI.zonal().spec().toBuilder().noBasicConstraints()));
        }

        @Test
        @DisplayName("pathLen counts the CAs below, including from the anchor")
        void pathLength() throws Exception {
            assertRejected(RejectionReason.UNTRUSTED_CHAIN, withIntermediate(1,
                    PKI.regional().spec().toBuilder().certificateAuthority(1, true)));
            verifier().verify(document().cabundle(replaced(1,
                    PKI.regional().spec().toBuilder().certificateAuthority(2, true))).build(), Expectations.withoutNonce());
            verifier().verify(document().cabundle(replaced(1,
                    PKI.regional().spec().toBuilder().certificateAuthority(true))).build(), Expectations.withoutNonce());
        }

        @ParameterizedTest(name = "pathLen {0}")
        @ValueSource(ints = {-1, -2, Integer.MIN_VALUE})
        @DisplayName("a negative pathLen is UNTRUSTED_CHAIN, not \"no limit\", wherever it is")
        void negativePathLength(int pathLen) {
            DocumentRejectedException regional = assertRejected(RejectionReason.UNTRUSTED_CHAIN, withIntermediate(1,
                    PKI.regional().spec().toBuilder().certificateAuthority(pathLen, true)));
            assertTrue(regional.detail().startsWith("cabundle[1] ("), regional.detail());
            assertTrue(regional.detail().contains("negative pathLenConstraint " + pathLen), regional.detail());
            // Below the instance CA there is no CA, so only the sign of its pathLen is wrong.
            DocumentRejectedException instance = assertRejected(RejectionReason.UNTRUSTED_CHAIN, withIntermediate(3,
                    PKI.instanceCa().spec().toBuilder().certificateAuthority(pathLen, true)));
            assertTrue(instance.detail().contains("negative pathLenConstraint"), instance.detail());
        }

        @Test
        @DisplayName("the leaf must not be a CA, and may omit basicConstraints")
        void leafIsEndEntity() throws Exception {
            assertRejected(RejectionReason.UNTRUSTED_CHAIN, withLeaf(PKI.leaf().spec().toBuilder()
                    .certificateAuthority(true)));
            verifier().verify(withLeaf(PKI.leaf().spec().toBuilder().noBasicConstraints()), Expectations.withoutNonce());
        }
    }

    @Nested
    @DisplayName("3.2.3.3 key usage")
    class KeyUsage {
        @Test
        @DisplayName("issuing certificates need keyCertSign")
        void caNeedsKeyCertSign() {
            assertRejected(RejectionReason.UNTRUSTED_CHAIN, withIntermediate(3, PKI.instanceCa().spec().toBuilder()
                    .keyUsage(true, KeyUsageBit.DIGITAL_SIGNATURE)));
            assertRejected(RejectionReason.UNTRUSTED_CHAIN, withIntermediate(3, PKI.instanceCa().spec().toBuilder()
                    .noKeyUsage()));
        }

        @Test
        @DisplayName("the leaf needs digitalSignature, and so a keyUsage extension")
        void leafNeedsDigitalSignature() {
            assertRejected(RejectionReason.UNTRUSTED_CHAIN, withLeaf(PKI.leaf().spec().toBuilder()
                    .keyUsage(false, KeyUsageBit.NON_REPUDIATION)));
            assertRejected(RejectionReason.UNTRUSTED_CHAIN, withLeaf(PKI.leaf().spec().toBuilder().noKeyUsage()));
        }
    }

    @Nested
    @DisplayName("profile: names, extensions, algorithms, encoding")
    class Profile {
        @Test
        @DisplayName("an unknown critical extension is UNTRUSTED_CHAIN; an unknown non-critical one is ignored")
        void criticalExtensions() throws Exception {
            byte[] value = {0x05, 0x00};
            assertRejected(RejectionReason.UNTRUSTED_CHAIN, withLeaf(PKI.leaf().spec().toBuilder()
                    .extraExtension("1.3.6.1.4.1.99999.1", true, value)));
            verifier().verify(withLeaf(PKI.leaf().spec().toBuilder()
                    .extraExtension("1.3.6.1.4.1.99999.1", false, value)), Expectations.withoutNonce());
        }

        @Test
        @DisplayName("each certificate must name the one above it as its issuer")
        void nameChaining() {
            assertRejected(RejectionReason.UNTRUSTED_CHAIN, withLeaf(PKI.leaf().spec().toBuilder()
                    .issuer("C=US, O=nitro-attest, OU=TEST ONLY, CN=someone else")));
        }

        @Test
        @DisplayName("only ecdsa-with-SHA384, without parameters, over P-384 keys")
        void algorithms() {
            assertRejected(RejectionReason.UNSUPPORTED_ALGORITHM, withIntermediate(2, PKI.zonal().spec().toBuilder()
                    .signatureAlgorithm(CertificateSpec.SignatureAlgorithm.ECDSA_WITH_SHA512)));
            assertRejected(RejectionReason.UNTRUSTED_CHAIN, withIntermediate(2, PKI.zonal().spec().toBuilder()
                    .nullSignatureParameters(true)));
        }

        @Test
        @DisplayName("a certificate that is not X.509 v3 is UNTRUSTED_CHAIN")
        void version3() {
            assertRejected(RejectionReason.UNTRUSTED_CHAIN, withLeaf(PKI.leaf().spec().toBuilder().version(1)
                    .noKeyUsage().noBasicConstraints()));
        }

        @Test
        @DisplayName("a certificate in BER rather than DER is UNTRUSTED_CHAIN")
        void strictDer() {
            byte[] der = PKI.leaf().der();
            // Re-encode the outer SEQUENCE length in a longer form: the same value in BER, invalid DER.
            int length = ((der[2] & 0xff) << 8) | (der[3] & 0xff);
            byte[] ber = new byte[der.length + 1];
            ber[0] = 0x30;
            ber[1] = (byte) 0x83;
            ber[2] = 0;
            ber[3] = (byte) (length >>> 8);
            ber[4] = (byte) length;
            System.arraycopy(der, 4, ber, 5, der.length - 4);
            assertEquals((byte) 0x82, der[1], "the leaf uses a two-byte length");
            assertRejected(RejectionReason.UNTRUSTED_CHAIN, document().certificate(ber).build());
        }
    }

    /** A document whose cabundle[index] is re-issued from {@code spec}, keeping its key, so the chain still links. */
    private static byte[] withIntermediate(int index, CertificateSpec.Builder spec) {
        return document().cabundle(replaced(index, spec)).build();
    }

    private static List<byte[]> replaced(int index, CertificateSpec.Builder spec) {
        List<byte[]> bundle = new ArrayList<>(PKI.cabundle());
        bundle.set(index, TestCertificates.issue(spec.build()).der());
        return bundle;
    }

    private static byte[] withLeaf(CertificateSpec.Builder spec) {
        return document().certificate(TestCertificates.issue(spec.build()).der()).build();
    }

    /** BC prints names without spaces after commas; the test kit writes them with. */
    private static String rfc(String name) {
        return name.replace(",", ", ");
    }
}
