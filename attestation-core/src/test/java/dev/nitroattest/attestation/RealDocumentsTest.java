package dev.nitroattest.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nitroattest.testkit.RealDocument;
import dev.nitroattest.testkit.RealDocumentCorpus;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The genuine documents of the test kit's RealDocumentCorpus, produced by real Nitro Enclaves: each verifies with the
 * embedded AWS root at its own timestamp, and none verifies now, because their certificates have expired.
 */
@DisplayName("Real documents from AWS Nitro Enclaves")
class RealDocumentsTest {
    private static final AttestationVerifier AWS = AttestationVerifier.builder()
            .trustAwsNitroEnclavesRoot().acceptAnyEnclaveImage().anyAge().build();
    private static final AttestationVerifier AWS_ALLOWING_DEBUG = AttestationVerifier.builder()
            .trustAwsNitroEnclavesRoot().acceptAnyEnclaveImage().allowDebugEnclaves().anyAge().build();

    static Stream<Named<RealDocument>> genuine() {
        return RealDocumentCorpus.load().genuine().stream().map(document -> Named.of(document.file(), document));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("genuine")
    @DisplayName("verifies at its timestamp with the embedded AWS root (debug-mode ones only when allowed)")
    void verifiesAtItsTimestamp(RealDocument real) throws Exception {
        AttestationDocument document = AWS.parse(real.bytes());
        assertEquals(real.timestamp(), document.timestamp());
        assertEquals(real.pcrCount(), document.pcrs().size());
        assertEquals(real.debugEnclave(), document.isDebugEnclave());

        AttestationVerifier verifier = real.debugEnclave() ? AWS_ALLOWING_DEBUG : AWS;
        VerifiedAttestation verified = verifier.verifyAt(real.timestamp(), document, Expectations.withoutNonce());
        assertEquals(document.moduleId(), verified.moduleId());
        List<CertificateInfo> chain = verified.certificateChain();
        assertEquals(5, chain.size());
        assertEquals(TrustAnchor.AWS_NITRO_ENCLAVES_ROOT_G1_SHA256, chain.get(4).sha256Fingerprint().toHex());
        assertEquals(real.chainValidFrom(), latestNotBefore(chain));
        assertEquals(real.chainValidUntil(), earliestNotAfter(chain));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("genuine")
    @DisplayName("verifies at both ends of its chain's validity window and at no instant outside it")
    void validityWindowIsExact(RealDocument real) throws Exception {
        AttestationDocument document = AWS_ALLOWING_DEBUG.parse(real.bytes());
        AttestationVerifier verifier = AttestationVerifier.builder().trustAwsNitroEnclavesRoot().acceptAnyEnclaveImage()
                .allowDebugEnclaves().maxClockSkew(AttestationVerifier.MAX_CLOCK_SKEW_LIMIT).anyAge().build();
        verifier.verifyAt(real.chainValidUntil(), document, Expectations.withoutNonce());
        RejectionReason before = assertThrows(DocumentRejectedException.class, () -> verifier.verifyAt(
                real.chainValidFrom().minusSeconds(1), document, Expectations.withoutNonce())).reason();
        assertEquals(RejectionReason.CERTIFICATE_NOT_YET_VALID, before);
        RejectionReason after = assertThrows(DocumentRejectedException.class, () -> verifier.verifyAt(
                real.chainValidUntil().plusSeconds(1), document, Expectations.withoutNonce())).reason();
        assertEquals(RejectionReason.CERTIFICATE_EXPIRED, after);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("genuine")
    @DisplayName("is rejected as expired at the present time")
    void isExpiredNow(RealDocument real) {
        DocumentRejectedException rejection =
                assertThrows(DocumentRejectedException.class, () -> AWS_ALLOWING_DEBUG.verify(real.bytes(), Expectations.withoutNonce()));
        assertEquals(RejectionReason.CERTIFICATE_EXPIRED, rejection.reason(), rejection::getMessage);
    }

    @Test
    @DisplayName("debug-mode documents are refused with DEBUG_ENCLAVE unless debug enclaves are allowed")
    void debugDocumentsNeedExplicitPermission() throws Exception {
        List<RealDocument> debug = RealDocumentCorpus.load().genuine().stream().filter(RealDocument::debugEnclave)
                .toList();
        assertFalse(debug.isEmpty(), "the corpus holds debug-mode documents");
        for (RealDocument real : debug) {
            AttestationDocument document = AWS.parse(real.bytes());
            DocumentRejectedException rejection = assertThrows(DocumentRejectedException.class,
                    () -> AWS.verifyAt(real.timestamp(), document, Expectations.withoutNonce()));
            assertEquals(RejectionReason.DEBUG_ENCLAVE, rejection.reason(), real.file());
        }
    }

    @Test
    @DisplayName("a real document altered upstream is rejected with BAD_SIGNATURE")
    void alteredDocumentHasBadSignature() throws Exception {
        RealDocument altered = negative("d_eternis_invalid.cbor");
        AttestationDocument document = AWS_ALLOWING_DEBUG.parse(altered.bytes());
        DocumentRejectedException rejection = assertThrows(DocumentRejectedException.class,
                () -> AWS_ALLOWING_DEBUG.verifyAt(altered.timestamp(), document, Expectations.withoutNonce()));
        assertEquals(RejectionReason.BAD_SIGNATURE, rejection.reason(), rejection::getMessage);
    }

    @Test
    @DisplayName("a document under a mock root is rejected with UNTRUSTED_CHAIN")
    void mockRootIsUntrusted() throws Exception {
        RealDocument mock = negative("marlin_mock_root_NOT_AWS.cbor");
        AttestationDocument document = AWS_ALLOWING_DEBUG.parse(mock.bytes());
        DocumentRejectedException rejection = assertThrows(DocumentRejectedException.class,
                () -> AWS_ALLOWING_DEBUG.verifyAt(mock.timestamp(), document, Expectations.withoutNonce()));
        assertEquals(RejectionReason.UNTRUSTED_CHAIN, rejection.reason(), rejection::getMessage);
    }

    private static RealDocument negative(String file) {
        return RealDocumentCorpus.load().negatives().stream().filter(d -> d.file().equals(file)).findFirst()
                .orElseThrow(() -> new AssertionError(file + " is not among the corpus's negatives"));
    }

    private static Instant latestNotBefore(List<CertificateInfo> chain) {
        return chain.stream().map(CertificateInfo::notBefore).max(Instant::compareTo).orElseThrow();
    }

    private static Instant earliestNotAfter(List<CertificateInfo> chain) {
        return chain.stream().map(CertificateInfo::notAfter).min(Instant::compareTo).orElseThrow();
    }
}
