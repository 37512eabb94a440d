package com.example.relying;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.attestation.ExpectedPcrs;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.RejectionReason;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.testkit.DocumentBuilder;
import dev.nitroattest.testkit.ForgedDocument;
import dev.nitroattest.testkit.Forgeries;
import dev.nitroattest.testkit.RealDocument;
import dev.nitroattest.testkit.RealDocumentCorpus;
import dev.nitroattest.testkit.TestPki;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The example service against the published artifacts: test-kit documents, forgeries and a real AWS document. */
class EnclaveAdmissionTest {
    private static final TestPki PKI = TestPki.standard();
    private static final byte[] OUR_IMAGE_PCR0 = filled(0x5a);
    private static final byte[] OTHER_IMAGE_PCR0 = filled(0x6b);

    private final EnclaveAdmission admission = new EnclaveAdmission(AttestationVerifier.builder()
            .trustAnchors(TrustAnchor.fromPem(PKI.rootPem()))
            .expectPcrs(ExpectedPcrs.builder().accept(0, OUR_IMAGE_PCR0).build())
            .maxAge(Duration.ofMinutes(5))
            .clock(Clock.fixed(PKI.documentTime(), ZoneOffset.UTC))
            .build());

    @Test
    void anEnclaveOfThePinnedImageAnsweringItsChallengeIsAdmittedOnce() throws Exception {
        byte[] challenge = admission.challenge();
        byte[] publicKey = "enclave key".getBytes(StandardCharsets.US_ASCII);
        byte[] document = enclaveDocument(OUR_IMAGE_PCR0).nonce(challenge).publicKey(publicKey).build();

        AdmittedEnclave admitted = admission.admit(challenge, document);

        assertEquals(PKI.moduleId(), admitted.moduleId());
        assertEquals(Bytes.of(publicKey), admitted.publicKey());
        assertEquals(PKI.documentTime(), admitted.attestedAt());
        IllegalStateException replay = assertThrows(IllegalStateException.class, () -> admission.admit(challenge, document));
        assertTrue(replay.getMessage().contains("already used"), replay.getMessage());
    }

    @Test
    void anotherImageAnotherChallengeOrNoChallengeIsRefusedWithItsReason() {
        byte[] challenge = admission.challenge();
        assertReason(RejectionReason.PCR_MISMATCH, challenge, enclaveDocument(OTHER_IMAGE_PCR0).nonce(challenge).build());
        byte[] second = admission.challenge();
        assertReason(RejectionReason.NONCE_MISMATCH, second,
                enclaveDocument(OUR_IMAGE_PCR0).nonce(admission.challenge()).build());
        byte[] third = admission.challenge();
        assertReason(RejectionReason.NONCE_MISMATCH, third, enclaveDocument(OUR_IMAGE_PCR0).build());
    }

    @Test
    void everyForgeryOfTheTestKitIsRefusedWithTheReasonItNames() {
        AttestationVerifier verifier = AttestationVerifier.builder()
                .trustAnchors(TrustAnchor.fromPem(PKI.rootPem()))
                .acceptAnyEnclaveImage()
                .anyAge()
                .clock(Clock.fixed(PKI.documentTime(), ZoneOffset.UTC))
                .build();
        int refused = 0;
        for (ForgedDocument forged : Forgeries.all(PKI)) {
            DocumentRejectedException rejection = assertThrows(DocumentRejectedException.class,
                    () -> verifier.verify(forged.bytes(), Expectations.withoutNonce()), forged.name());
            assertEquals(forged.expectedReason(), rejection.reason().name(), forged.name());
            refused++;
        }
        assertTrue(refused > 50, "the test kit has its forgeries: " + refused);
    }

    @Test
    void aRealAwsDocumentVerifiesAtItsOwnTimestampUnderTheEmbeddedRoot() throws Exception {
        RealDocument real = RealDocumentCorpus.load().genuine().stream()
                .filter(document -> !document.debugEnclave()).findFirst().orElseThrow();
        AttestationVerifier parser = AttestationVerifier.builder().trustAwsNitroEnclavesRoot().acceptAnyEnclaveImage()
                .anyAge().build();
        AttestationDocument document = parser.parse(real.bytes());
        byte[] pcr0 = document.pcrs().get(0).orElseThrow().toByteArray();
        AttestationVerifier verifier = AttestationVerifier.builder()
                .trustAwsNitroEnclavesRoot()
                .expectPcrs(ExpectedPcrs.builder().accept(0, pcr0).build())
                .maxAge(Duration.ofMinutes(5))
                .build();

        VerifiedAttestation attestation = verifier.verifyAt(real.timestamp(), document, Expectations.withoutNonce());

        assertEquals(real.timestamp(), attestation.timestamp());
        assertEquals(TrustAnchor.awsNitroEnclavesRootG1().certificate(),
                attestation.certificateChain().get(attestation.certificateChain().size() - 1),
                "the chain ends at the embedded AWS root");
        DocumentRejectedException now = assertThrows(DocumentRejectedException.class,
                () -> verifier.verify(real.bytes(), Expectations.withoutNonce()));
        assertEquals(RejectionReason.CERTIFICATE_EXPIRED, now.reason(), now.detail());
    }

    @Test
    void usingTheLibraryRegistersNoSecurityProvider() throws Exception {
        anEnclaveOfThePinnedImageAnsweringItsChallengeIsAdmittedOnce();
        assertNull(Security.getProvider("BC"), "nitro-attest must not register Bouncy Castle globally");
    }

    private void assertReason(RejectionReason expected, byte[] challenge, byte[] document) {
        DocumentRejectedException rejection = assertThrows(DocumentRejectedException.class,
                () -> admission.admit(challenge, document));
        assertEquals(expected, rejection.reason(), rejection.detail());
    }

    private static DocumentBuilder enclaveDocument(byte[] pcr0) {
        return DocumentBuilder.forPki(PKI).pcr(0, pcr0);
    }

    private static byte[] filled(int value) {
        byte[] pcr = new byte[48];
        Arrays.fill(pcr, (byte) value);
        return pcr;
    }
}
