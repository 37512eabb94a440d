package dev.nitroattest.attestation;

import static dev.nitroattest.attestation.Fixtures.PKI;
import static dev.nitroattest.attestation.Fixtures.assertUnparseable;
import static dev.nitroattest.attestation.Fixtures.document;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.testkit.CborWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checks of the payload decoder that a wrong verdict alone would not reveal: each test pins one check by the field and
 * the sentence its rejection carries, so that removing the check (and leaving a later one to refuse the document for
 * another cause) or changing the bound it states is noticed.
 */
@DisplayName("Payload decoder: each check refuses with its own field and sentence")
class PayloadDecoderChecksTest {
    private static final byte[] A_BYTE_STRING = new CborWriter().bytes(new byte[] {1, 2, 3}).toByteArray();

    @Test
    @DisplayName("pcrs that is no map is refused as no map, not for its first key")
    void pcrsMustBeAMap() {
        DocumentRejectedException rejection =
                assertUnparseable(RejectionReason.INVALID_FIELD, document().rawField("pcrs", A_BYTE_STRING).build());
        assertEquals(Optional.of("pcrs"), rejection.field());
        assertTrue(rejection.detail().endsWith("is a byte string; it must be a map from PCR index to value."),
                rejection.detail());
    }

    @Test
    @DisplayName("a PCR index out of range is refused with the range of the document's kind: 0 to 31, or 0 to 23")
    void pcrIndexRangeIsStated() {
        DocumentRejectedException enclave = assertUnparseable(RejectionReason.INVALID_FIELD,
                document().pcr(32, new byte[48]).build());
        assertEquals(Optional.of("pcrs"), enclave.field());
        assertTrue(enclave.detail().endsWith("has index 32; indices run from 0 to 31."), enclave.detail());
        DocumentRejectedException tpm = assertUnparseable(RejectionReason.INVALID_FIELD,
                document().nitroTpm().pcr(24, new byte[48]).build());
        assertEquals(Optional.of("nitrotpm_pcrs"), tpm.field());
        assertTrue(tpm.detail().endsWith("has index 24; indices run from 0 to 23."), tpm.detail());
    }

    @Test
    @DisplayName("a NitroTPM PCR of the wrong length is located in nitrotpm_pcrs and named so")
    void wrongLengthTpmPcrNamesNitroTpmPcrs() {
        DocumentRejectedException rejection = assertUnparseable(RejectionReason.INVALID_FIELD,
                document().nitroTpm().pcr(3, new byte[32]).build());
        assertEquals(Optional.of("nitrotpm_pcrs"), rejection.field());
        assertTrue(rejection.detail().startsWith("The payload's nitrotpm_pcrs entry 3 is 32 bytes"),
                rejection.detail());
    }

    @Test
    @DisplayName("an enclave PCR of the wrong length is located in pcrs and named so")
    void wrongLengthEnclavePcrNamesPcrs() {
        DocumentRejectedException rejection = assertUnparseable(RejectionReason.INVALID_FIELD,
                document().pcr(3, new byte[32]).build());
        assertEquals(Optional.of("pcrs"), rejection.field());
        assertTrue(rejection.detail().startsWith("The payload's pcrs entry 3 is 32 bytes"), rejection.detail());
    }

    @Test
    @DisplayName("cabundle that is no array is refused as no array")
    void cabundleMustBeAnArray() {
        DocumentRejectedException rejection = assertUnparseable(RejectionReason.INVALID_FIELD,
                document().rawField("cabundle", A_BYTE_STRING).build());
        assertEquals(Optional.of("cabundle"), rejection.field());
        assertTrue(rejection.certificateIndex().isEmpty(), rejection.detail());
        assertTrue(rejection.detail().endsWith("is a byte string; it must be an array of certificates."),
                rejection.detail());
    }

    @Test
    @DisplayName("cabundle holds at most 8 certificates: 8 parse, a ninth is refused by the decoder, before the chain")
    void cabundleHoldsAtMostEight() throws Exception {
        List<byte[]> eight = bundleOf(8);
        assertEquals(8, AttestationDocument.parse(document().cabundle(eight).build()).cabundle().size());
        DocumentRejectedException nine = assertUnparseable(RejectionReason.INVALID_FIELD,
                document().cabundle(bundleOf(9)).build());
        assertEquals(Optional.of("cabundle"), nine.field());
        assertTrue(nine.certificateIndex().isEmpty(), nine.detail());
        assertEquals("The payload's cabundle has more than 8 certificates.", nine.detail());
    }

    /** The test PKI's bundle, its last certificate repeated up to {@code size} entries. */
    private static List<byte[]> bundleOf(int size) {
        List<byte[]> bundle = new ArrayList<>(PKI.cabundle());
        while (bundle.size() < size) {
            bundle.add(bundle.get(bundle.size() - 1));
        }
        return bundle;
    }

    @Test
    @DisplayName("a fault of cabundle entry 0 (the root) is located at bundle index 0, like every other entry")
    void firstBundleEntryIsLocatedAtIndexZero() {
        List<byte[]> bundle = new ArrayList<>(PKI.cabundle());
        bundle.set(0, new byte[0]);
        DocumentRejectedException rejection = assertUnparseable(RejectionReason.INVALID_FIELD,
                document().cabundle(bundle).build());
        assertEquals(OptionalInt.of(0), rejection.certificateIndex());
        assertTrue(rejection.detail().startsWith("The payload's cabundle entry 0 is 0 bytes"), rejection.detail());
    }
}
