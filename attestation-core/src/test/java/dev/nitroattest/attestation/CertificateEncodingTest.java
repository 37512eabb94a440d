package dev.nitroattest.attestation;

import static dev.nitroattest.attestation.Fixtures.PKI;
import static dev.nitroattest.attestation.Fixtures.assertRejected;
import static dev.nitroattest.attestation.Fixtures.document;
import static dev.nitroattest.attestation.Fixtures.verifier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.testkit.CertificateSpec;
import dev.nitroattest.testkit.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 5280's encodings inside a certificate, where the certificate's own DER check does not look: validity times in
 * their one form (4.1.2.5), and the values of the extensions the verifier reads in DER. Each forged leaf is signed
 * by the test PKI's real issuer, so that its encoding is the only thing wrong with it.
 */
@DisplayName("RFC 5280 encodings inside certificates")
class CertificateEncodingTest {
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";

    @Nested
    @DisplayName("4.1.2.5 validity: UTCTime YYMMDDHHMMSSZ through 2049, GeneralizedTime YYYYMMDDHHMMSSZ from 2050")
    class ValidityTimes {
        /*
         * Bouncy Castle keeps these texts as written, so the certificate's outer DER check passes them. Others it
         * normalises when re-encoding DER (GeneralizedTime ".000Z" or without seconds), so that check refuses them, or
         * it refuses to decode them at all (UTCTime without Z or with a fraction): those cannot reach this code.
         */
        @ParameterizedTest
        @ValueSource(strings = {"2603021000Z", "260302100000+0000", "260302100000+0300"})
        void aNotBeforeUtcTimeInAnotherFormIsRefused(String text) {
            assertTimeRefused(utcTime(text), null, "notBefore");
        }

        @ParameterizedTest
        @ValueSource(strings = {"20260302100000Z", "20490101000000Z"})
        void aGeneralizedTimeBefore2050IsRefused(String text) {
            DocumentRejectedException rejection = assertTimeRefused(generalizedTime(text), null, "notBefore");
            assertTrue(rejection.detail().contains("before 2050"), rejection.detail());
        }

        @ParameterizedTest
        @ValueSource(strings = {"20500101000000", "20500101000000.5Z", "20500101000000+0300", "20500101000000-0000"})
        void aNotAfterGeneralizedTimeInAnotherFormIsRefused(String text) {
            assertTimeRefused(null, generalizedTime(text), "notAfter");
        }

        @Test
        @DisplayName("the one form of each verifies: UTCTime for 2026, GeneralizedTime for 2050")
        void theOneFormsVerify() throws Exception {
            byte[] bytes = withLeaf(PKI.leaf().spec().toBuilder()
                    .validity(PKI.leaf().notBefore(), Instant.parse("2050-01-01T00:00:00Z"))
                    .timeEncodings(utcTime("260302100000Z"), generalizedTime("20500101000000Z")));
            VerifiedAttestation verified = verifier().verify(bytes, Expectations.withoutNonce());
            assertEquals(Instant.parse("2050-01-01T00:00:00Z"), verified.certificateChain().get(0).notAfter());
        }

        @Test
        @DisplayName("a date that does not exist is refused")
        void impossibleDate() {
            // Bouncy Castle 1.87 refuses to decode 30 February, so the certificate is refused as not X.509 before
            // the validity check names the field (1.86 decoded it and the check refused notBefore): either way the
            // reason is the same.
            DocumentRejectedException rejection = assertRejected(RejectionReason.UNTRUSTED_CHAIN, withLeaf(
                    PKI.leaf().spec().toBuilder().timeEncodings(utcTime("260230100000Z"), null)));
            assertTrue(rejection.detail().contains("leaf certificate"), rejection.detail());
        }

        private DocumentRejectedException assertTimeRefused(byte[] notBefore, byte[] notAfter, String field) {
            CertificateSpec.Builder spec = PKI.leaf().spec().toBuilder().timeEncodings(notBefore, notAfter);
            if (notAfter != null) {
                spec.validity(PKI.leaf().notBefore(), Instant.parse("2050-01-01T00:00:00Z"));
            }
            DocumentRejectedException rejection = assertRejected(RejectionReason.UNTRUSTED_CHAIN, withLeaf(spec));
            assertTrue(rejection.detail().contains("leaf certificate") && rejection.detail().contains(field),
                    rejection.detail());
            return rejection;
        }
    }

    @Nested
    @DisplayName("extension values the verifier reads are DER")
    class ExtensionValuesInDer {
        @ParameterizedTest
        @ValueSource(strings = {"3003010100", "30810 0", "3003010101", "300101", "3006010100020100", "0500"})
        void aLeafBasicConstraintsNotInDerIsRefused(String hex) {
            DocumentRejectedException rejection = assertRejected(RejectionReason.UNTRUSTED_CHAIN, withLeaf(
                    PKI.leaf().spec().toBuilder().noBasicConstraints().extraExtension(BASIC_CONSTRAINTS, true,
                            bytes(hex))));
            assertTrue(rejection.detail().contains("basicConstraints"), rejection.detail());
        }

        @Test
        @DisplayName("cA FALSE written out is refused, left out it verifies")
        void defaultValueWrittenOut() throws Exception {
            DocumentRejectedException rejection = assertRejected(RejectionReason.UNTRUSTED_CHAIN, withLeaf(
                    PKI.leaf().spec().toBuilder().noBasicConstraints().extraExtension(BASIC_CONSTRAINTS, true,
                            bytes("3003010100"))));
            assertTrue(rejection.detail().contains("DEFAULT"), rejection.detail());
            verifier().verify(withLeaf(PKI.leaf().spec().toBuilder().noBasicConstraints()
                    .extraExtension(BASIC_CONSTRAINTS, true, bytes("3000"))), Expectations.withoutNonce());
        }

        @ParameterizedTest
        @ValueSource(strings = {"0303078000", "03020781", "03020080", "0301 00", "030200 00", "0381020780", "0402 0780"})
        void aLeafKeyUsageNotInDerIsRefused(String hex) {
            DocumentRejectedException rejection = assertRejected(RejectionReason.UNTRUSTED_CHAIN, withLeaf(
                    PKI.leaf().spec().toBuilder().noKeyUsage().extraExtension(KEY_USAGE, true, bytes(hex))));
            assertTrue(rejection.detail().contains("keyUsage"), rejection.detail());
        }

        @Test
        @DisplayName("digitalSignature alone, 03 02 07 80, verifies")
        void canonicalKeyUsage() throws Exception {
            verifier().verify(withLeaf(PKI.leaf().spec().toBuilder().noKeyUsage()
                    .extraExtension(KEY_USAGE, true, bytes("03020780"))), Expectations.withoutNonce());
        }
    }

    @Nested
    @DisplayName("an extension's critical flag FALSE is left out, as DER leaves out every DEFAULT value")
    class CriticalFlag {
        @Test
        void anExplicitCriticalFalseIsRefused() throws Exception {
            CertificateSpec spec = PKI.leaf().spec().toBuilder().subjectKeyIdentifier(true).build();
            Certificate leaf =
                    Certificate.getInstance(TestCertificates.issue(spec).der());
            ASN1Sequence tbs = ASN1Sequence.getInstance(
                    leaf.getTBSCertificate().toASN1Primitive());
            ASN1EncodableVector fields = new ASN1EncodableVector();
            for (int i = 0; i < tbs.size() - 1; i++) {
                fields.add(tbs.getObjectAt(i));
            }
            ASN1EncodableVector extensions = new ASN1EncodableVector();
            for (ASN1ObjectIdentifier oid : leaf.getTBSCertificate().getExtensions()
                    .getExtensionOIDs()) {
                Extension extension = leaf.getTBSCertificate().getExtensions()
                        .getExtension(oid);
                extensions.add(extension.isCritical() ? extension : new DERSequence(
                        new ASN1Encodable[] {oid, ASN1Boolean.FALSE,
                            extension.getExtnValue()}));
            }
            fields.add(new DERTaggedObject(true, 3,
                    new DERSequence(extensions)));
            byte[] tbsDer = new DERSequence(fields).getEncoded("DER");
            byte[] signature = spec.issuerKey().signDer(tbsDer, "SHA-384");
            byte[] forged = new DERSequence(new ASN1Encodable[] {
                ASN1Primitive.fromByteArray(tbsDer), leaf.getSignatureAlgorithm(),
                new DERBitString(signature)}).getEncoded("DER");
            DocumentRejectedException rejection = assertRejected(RejectionReason.UNTRUSTED_CHAIN,
                    document().certificate(forged).build());
            assertTrue(rejection.detail().contains("critical FALSE"), rejection.detail());
        }
    }

    private static byte[] withLeaf(CertificateSpec.Builder spec) {
        return document().certificate(TestCertificates.issue(spec.build()).der()).build();
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    private static byte[] utcTime(String text) {
        return element(0x17, text);
    }

    private static byte[] generalizedTime(String text) {
        return element(0x18, text);
    }

    private static byte[] element(int tag, String text) {
        byte[] content = text.getBytes(StandardCharsets.US_ASCII);
        byte[] element = new byte[content.length + 2];
        element[0] = (byte) tag;
        element[1] = (byte) content.length;
        System.arraycopy(content, 0, element, 2, content.length);
        return element;
    }
}
