package dev.nitroattest.attestation;

import static dev.nitroattest.attestation.Fixtures.PKI;
import static dev.nitroattest.attestation.Fixtures.assertRejected;
import static dev.nitroattest.attestation.Fixtures.document;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.testkit.CertificateSpec;
import dev.nitroattest.testkit.EcCurve;
import dev.nitroattest.testkit.EcKeyPair;
import dev.nitroattest.testkit.TestCertificates;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The AWS certificate profile, one check per test: each forged certificate is signed by the test PKI's real issuer
 * and wrong in exactly the way the test names, so that the check it pins is the only one that can refuse it.
 */
@DisplayName("The certificate profile, check by check")
class CertificateProfileTest {
    private static final int TBS_SIGNATURE_FIELD = 2;
    private static final int TBS_KEY_FIELD = 6;

    @Nested
    @DisplayName("inside the certificate")
    class Encoding {
        @ParameterizedTest(name = "version {0}")
        @ValueSource(ints = {1, 2})
        @DisplayName("X.509 versions other than 3 are refused")
        void x509VersionOtherThan3(int version) {
            // Without extensions, which Bouncy Castle refuses in a version 1 certificate before this check.
            CertificateSpec spec = PKI.leaf().spec().toBuilder().version(version).noBasicConstraints().noKeyUsage()
                    .subjectKeyIdentifier(false).authorityKeyIdentifier(false).crlDistributionPoint(null).build();
            String detail = assertUntrusted(document().certificate(TestCertificates.issue(spec).der()).build());
            assertTrue(detail.contains("is X.509 version " + version + ", not 3."), detail);
        }

        @Test
        @DisplayName("a certificate whose inner (signed) and outer signature algorithms differ is refused")
        void innerAndOuterSignatureAlgorithmsDiffer() {
            byte[] forged = resigned(PKI.leaf().der(), PKI.leaf().spec().issuerKey(), fields -> {
                fields.set(TBS_SIGNATURE_FIELD, new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA512));
                return fields;
            });
            String detail = assertUntrusted(document().certificate(forged).build());
            assertTrue(detail.contains("names different signature algorithms inside and outside its signed part"),
                    detail);
        }

        @Test
        @DisplayName("padding bits in the public key's BIT STRING are refused")
        void paddingBitsInTheKeyBitString() {
            // A key whose encoded point ends in a 0 bit, so that one padding bit is DER and only the count is wrong.
            EcKeyPair key = null;
            for (int i = 0; key == null; i++) {
                EcKeyPair candidate = EcKeyPair.derive(EcCurve.P384, "padded key " + i);
                byte[] point = candidate.publicKeyUncompressed();
                key = (point[point.length - 1] & 1) == 0 ? candidate : null;
            }
            EcKeyPair subject = key;
            byte[] leaf = TestCertificates.issue(PKI.leaf().spec().toBuilder().subjectKey(subject).build()).der();
            byte[] forged = resigned(leaf, PKI.leaf().spec().issuerKey(), fields -> {
                SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(fields.get(TBS_KEY_FIELD));
                fields.set(TBS_KEY_FIELD, new DERSequence(new ASN1Encodable[] {
                    info.getAlgorithm(), new DERBitString(subject.publicKeyUncompressed(), 1)}));
                return fields;
            });
            String detail = assertUntrusted(document().certificate(forged).build());
            assertTrue(detail.contains("has a public key bit string with padding bits"), detail);
        }

        @Test
        @DisplayName("a P-384 point under id-ecDH, or under P-256's curve OID, is refused: the key must be ecPublicKey "
                + "on P-384")
        void keyAlgorithmAndCurveBothChecked() {
            for (String[] algorithm : new String[][] {{"1.3.132.1.12", "1.3.132.0.34"},
                {"1.2.840.10045.2.1", "1.2.840.10045.3.1.7"}}) {
                byte[] forged = resigned(PKI.leaf().der(), PKI.leaf().spec().issuerKey(), fields -> {
                    SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(fields.get(TBS_KEY_FIELD));
                    fields.set(TBS_KEY_FIELD, new SubjectPublicKeyInfo(new AlgorithmIdentifier(
                            new ASN1ObjectIdentifier(algorithm[0]), new ASN1ObjectIdentifier(algorithm[1])),
                            info.getPublicKeyData().getBytes()));
                    return fields;
                });
                DocumentRejectedException rejection = assertRejected(RejectionReason.UNSUPPORTED_ALGORITHM,
                        document().certificate(forged).build());
                assertTrue(rejection.detail().contains("has a key that is not on the named curve P-384 ("
                        + algorithm[0] + ", " + algorithm[1] + ")"), rejection.detail());
            }
        }

        @Test
        @DisplayName("an ecPublicKey without curve parameters is refused, naming the algorithm alone")
        void keyWithoutCurveParameters() {
            byte[] forged = resigned(PKI.leaf().der(), PKI.leaf().spec().issuerKey(), fields -> {
                SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(fields.get(TBS_KEY_FIELD));
                fields.set(TBS_KEY_FIELD, new SubjectPublicKeyInfo(new AlgorithmIdentifier(
                        X9ObjectIdentifiers.id_ecPublicKey), info.getPublicKeyData().getBytes()));
                return fields;
            });
            DocumentRejectedException rejection = assertRejected(RejectionReason.UNSUPPORTED_ALGORITHM,
                    document().certificate(forged).build());
            assertTrue(rejection.detail().contains(
                    "has a key that is not on the named curve P-384 (1.2.840.10045.2.1)."), rejection.detail());
        }

        @Test
        @DisplayName("padding bits in the signature's BIT STRING are refused")
        void paddingBitsInTheSignatureBitString() {
            // The signature is deterministic (RFC 6979): serial numbers are tried until it ends in a 0 bit.
            byte[] forged = null;
            for (int serial = 1; forged == null; serial++) {
                byte[] leaf = TestCertificates.issue(PKI.leaf().spec().toBuilder()
                        .serial(BigInteger.valueOf(1_000_000 + serial)).build()).der();
                byte[] signature = Certificate.getInstance(leaf).getSignature().getOctets();
                if ((signature[signature.length - 1] & 1) == 0) {
                    forged = withSignaturePadBits(leaf, 1);
                }
            }
            String detail = assertUntrusted(document().certificate(forged).build());
            assertTrue(detail.contains("has a signature bit string with padding bits"), detail);
        }
    }

    @Nested
    @DisplayName("basicConstraints along the chain")
    class Constraints {
        @Test
        @DisplayName("a leaf with a pathLenConstraint but without cA is a CA certificate all the same")
        void leafWithPathLenWithoutCa() {
            CertificateSpec spec = PKI.leaf().spec().toBuilder().noBasicConstraints()
                    .extraExtension("2.5.29.19", true, HexFormat.of().parseHex("3003020100")).build();
            String detail = assertUntrusted(document().certificate(TestCertificates.issue(spec).der()).build());
            assertTrue(detail.contains("The leaf certificate (") && detail.contains("is a CA certificate"), detail);
        }

        @Test
        @DisplayName("the pinned anchor's own pathLenConstraint counts: a root allowing 2 CAs below it has 3")
        void anchorPathLenConstraint() {
            byte[] root = TestCertificates.issue(PKI.root().spec().toBuilder().certificateAuthority(2, true).build())
                    .der();
            DocumentRejectedException rejection = assertRejected(RejectionReason.UNTRUSTED_CHAIN, anchoredAt(root),
                    underRoot(root));
            assertTrue(rejection.detail().startsWith("The trust anchor (")
                    && rejection.detail().contains("allows 2 CA(s) below it (pathLen) but has 3"), rejection.detail());
        }

        @Test
        @DisplayName("a root allowing exactly the CAs below it verifies")
        void anchorPathLenConstraintMet() throws Exception {
            byte[] root = TestCertificates.issue(PKI.root().spec().toBuilder().certificateAuthority(3, true).build())
                    .der();
            VerifiedAttestation verified = anchoredAt(root).verify(underRoot(root), Expectations.withoutNonce());
            assertEquals(5, verified.certificateChain().size());
        }

        @Test
        @DisplayName("a basicConstraints of three elements is refused as more than two")
        void basicConstraintsOfThreeElements() {
            // SEQUENCE { TRUE, 0, 0 }: a cA and two pathLenConstraints.
            CertificateSpec spec = PKI.instanceCa().spec().toBuilder().noBasicConstraints()
                    .extraExtension("2.5.29.19", true, HexFormat.of().parseHex("30090101ff020100020100")).build();
            List<byte[]> cabundle = new ArrayList<>(PKI.cabundle());
            cabundle.set(3, TestCertificates.issue(spec).der());
            String detail = assertUntrusted(document().cabundle(cabundle).build());
            assertTrue(detail.contains("basicConstraints value that is not a sequence of at most two elements"),
                    detail);
        }

        @Test
        @DisplayName("a root whose pathLenConstraint does not fit an int (2^64) allows any depth")
        void pathLenBeyondAnIntAllowsAnyDepth() throws Exception {
            // basicConstraints { cA TRUE, pathLenConstraint 2^64 }: an INTEGER of nine octets.
            byte[] basicConstraints = HexFormat.of().parseHex("300e0101ff0209" + "01" + "00".repeat(8));
            byte[] root = TestCertificates.issue(PKI.root().spec().toBuilder().noBasicConstraints()
                    .extraExtension("2.5.29.19", true, basicConstraints).build()).der();
            VerifiedAttestation verified = anchoredAt(root).verify(underRoot(root), Expectations.withoutNonce());
            assertEquals(5, verified.certificateChain().size());
        }
    }

    @Nested
    @DisplayName("validity times across the century pivot")
    class CenturyPivot {
        @Test
        @DisplayName("a leaf that expired in 1999 (UTCTime 99) is expired, not valid until 2099")
        void expiredIn1999() {
            CertificateSpec spec = PKI.leaf().spec().toBuilder()
                    .validity(Instant.parse("1990-01-01T00:00:00Z"), Instant.parse("1999-12-31T23:59:59Z")).build();
            DocumentRejectedException rejection = assertRejected(RejectionReason.CERTIFICATE_EXPIRED,
                    document().certificate(TestCertificates.issue(spec).der()).build());
            assertTrue(rejection.detail().contains("expired at 1999-12-31T23:59:59Z"), rejection.detail());
        }
    }

    /** A verifier whose only trust anchor is {@code root}, at the test kit's document time. */
    private static AttestationVerifier anchoredAt(byte[] root) {
        return AttestationVerifier.builder().trustAnchors(TrustAnchor.fromDer(root)).acceptAnyEnclaveImage()
                .clock(Clock.fixed(Fixtures.DOCUMENT_TIME, ZoneOffset.UTC)).anyAge().build();
    }

    /** The test kit's document with {@code root} in place of the bundle's first certificate. */
    private static byte[] underRoot(byte[] root) {
        List<byte[]> cabundle = new ArrayList<>(PKI.cabundle());
        cabundle.set(0, root);
        return document().cabundle(cabundle).build();
    }

    private static String assertUntrusted(byte[] document) {
        return assertRejected(RejectionReason.UNTRUSTED_CHAIN, document).detail();
    }

    /** The certificate with its TBSCertificate's fields edited, signed again by {@code issuer}. */
    private static byte[] resigned(byte[] der, EcKeyPair issuer, UnaryOperator<List<ASN1Encodable>> edit) {
        try {
            Certificate certificate = Certificate.getInstance(der);
            ASN1Sequence tbs = ASN1Sequence.getInstance(certificate.getTBSCertificate().toASN1Primitive());
            ASN1EncodableVector fields = new ASN1EncodableVector();
            edit.apply(new ArrayList<>(List.of(tbs.toArray()))).forEach(fields::add);
            byte[] tbsDer = new DERSequence(fields).getEncoded("DER");
            return new DERSequence(new ASN1Encodable[] {ASN1Primitive.fromByteArray(tbsDer),
                certificate.getSignatureAlgorithm(), new DERBitString(issuer.signDer(tbsDer, "SHA-384"))})
                    .getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate unchanged but for the count of padding bits in its signature's BIT STRING. */
    private static byte[] withSignaturePadBits(byte[] der, int padBits) {
        try {
            Certificate certificate = Certificate.getInstance(der);
            return new DERSequence(new ASN1Encodable[] {certificate.getTBSCertificate(),
                certificate.getSignatureAlgorithm(),
                new DERBitString(certificate.getSignature().getOctets(), padBits)}).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
