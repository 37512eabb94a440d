package dev.nitroattest.attestation;

import static dev.nitroattest.attestation.Fixtures.assertRejected;
import static dev.nitroattest.attestation.Fixtures.document;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The verifier's document-kind check (an enclave verifier and a NitroTPM verifier each accept only their kind): the
 * rejection names the kind the document is and locates it in the PCR field that makes it that kind, in both
 * directions, so that a check that mistook one kind for the other is noticed. A pinned PCR's mismatch is located in
 * the PCR field of the verifier's kind too.
 */
@DisplayName("Document kind: a rejection says which kind the document is, in both directions")
class DocumentKindCheckTest {
    @Test
    @DisplayName("an enclave verifier refuses a NitroTPM document, located in nitrotpm_pcrs")
    void enclaveVerifierNamesTheNitroTpmDocument() {
        DocumentRejectedException rejection =
                assertRejected(RejectionReason.WRONG_DOCUMENT_KIND, document().nitroTpm().build());
        assertEquals(Optional.of("nitrotpm_pcrs"), rejection.field());
        assertEquals("This is a NitroTPM document (it has nitrotpm_pcrs); this verifier accepts enclave documents.",
                rejection.detail());
    }

    @Test
    @DisplayName("a NitroTPM verifier refuses an enclave document, located in pcrs")
    void nitroTpmVerifierNamesTheEnclaveDocument() {
        AttestationVerifier tpm = Fixtures.verifierBuilder().verifyNitroTpmDocuments().build();
        DocumentRejectedException rejection =
                assertRejected(RejectionReason.WRONG_DOCUMENT_KIND, tpm, document().build());
        assertEquals(Optional.of("pcrs"), rejection.field());
        assertEquals("This is an enclave document (it has pcrs); this verifier accepts NitroTPM documents.",
                rejection.detail());
    }

    @Test
    @DisplayName("a NitroTPM verifier's PCR mismatch is located in nitrotpm_pcrs, an enclave verifier's in pcrs")
    void pcrMismatchIsLocatedInTheKindsPcrField() {
        byte[] other = new byte[48];
        other[0] = 1;
        AttestationVerifier tpm = AttestationVerifier.builder().trustAnchors(Fixtures.TEST_ROOT)
                .expectPcrs(ExpectedPcrs.builder().accept(7, other).allowPinsWithoutImagePcrs().build()).anyAge()
                .verifyNitroTpmDocuments().clock(Clock.fixed(Fixtures.DOCUMENT_TIME, ZoneOffset.UTC)).build();
        DocumentRejectedException tpmMismatch =
                assertRejected(RejectionReason.PCR_MISMATCH, tpm, document().nitroTpm().build());
        assertEquals(Optional.of("nitrotpm_pcrs"), tpmMismatch.field());
        assertTrue(tpmMismatch.detail().endsWith(", which is not the accepted value."), tpmMismatch.detail());
        assertEquals("The document has no PCR7, which the policy pins.", assertRejected(RejectionReason.PCR_MISMATCH,
                tpm, document().nitroTpm().removePcr(7).build()).detail());
        AttestationVerifier enclave = AttestationVerifier.builder().trustAnchors(Fixtures.TEST_ROOT)
                .expectPcrs(ExpectedPcrs.builder().accept(7, other).allowPinsWithoutImagePcrs().build()).anyAge()
                .clock(Clock.fixed(Fixtures.DOCUMENT_TIME, ZoneOffset.UTC)).build();
        DocumentRejectedException enclaveMismatch =
                assertRejected(RejectionReason.PCR_MISMATCH, enclave, document().build());
        assertEquals(Optional.of("pcrs"), enclaveMismatch.field());
        byte[] another = new byte[48];
        another[0] = 2;
        AttestationVerifier eitherOf = AttestationVerifier.builder().trustAnchors(Fixtures.TEST_ROOT)
                .expectPcrs(ExpectedPcrs.builder().accept(7, other).accept(7, another).allowPinsWithoutImagePcrs()
                        .build()).anyAge().clock(Clock.fixed(Fixtures.DOCUMENT_TIME, ZoneOffset.UTC)).build();
        DocumentRejectedException neither =
                assertRejected(RejectionReason.PCR_MISMATCH, eitherOf, document().build());
        assertTrue(neither.detail().endsWith(", which is not an accepted value."), neither.detail());
    }
}
