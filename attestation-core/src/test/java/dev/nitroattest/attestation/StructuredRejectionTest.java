package dev.nitroattest.attestation;

import static dev.nitroattest.attestation.Fixtures.PKI;
import static dev.nitroattest.attestation.Fixtures.assertRejected;
import static dev.nitroattest.attestation.Fixtures.document;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.testkit.Forgeries;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A rejection says where the fault is, in fields a program can read: the payload field or COSE element, and for a
 * certificate of the bundle its index. One case from each layer: envelope, payload, chain, signature, policy.
 */
@DisplayName("Structured rejections")
class StructuredRejectionTest {
    @Test
    @DisplayName("the envelope: the COSE element concerned")
    void envelope() {
        assertWhere(Forgeries.signatureRZero(PKI).bytes(), RejectionReason.MALFORMED, "COSE signature", null);
        assertWhere(Forgeries.algInUnprotectedHeader(PKI).bytes(), null, "COSE unprotected header", null);
    }

    @Test
    @DisplayName("the payload: the field concerned, by its key")
    void payload() {
        assertWhere(document().omit("timestamp").build(), RejectionReason.INVALID_FIELD, "timestamp", null);
        assertWhere(document().removePcr(1).build(), RejectionReason.INVALID_FIELD, "pcrs", null);
        assertWhere(document().nonce(new byte[1025]).build(), null, "nonce", null);
    }

    @Test
    @DisplayName("the chain: cabundle with the certificate's index, or the leaf as certificate")
    void chain() {
        List<byte[]> bundle = new ArrayList<>(PKI.cabundle());
        bundle.set(0, PKI.zonal().der());
        assertWhere(document().cabundle(bundle).build(), RejectionReason.UNTRUSTED_CHAIN, "cabundle", 0);
        List<byte[]> swapped = new ArrayList<>(PKI.cabundle());
        swapped.set(2, PKI.instanceCa().der());
        swapped.set(3, PKI.zonal().der());
        assertWhere(document().cabundle(swapped).build(), RejectionReason.UNTRUSTED_CHAIN, "cabundle", 2);
        assertWhere(document().certificate(PKI.instanceCa().der()).build(), RejectionReason.UNTRUSTED_CHAIN,
                "certificate", null);
    }

    @Test
    @DisplayName("the signature and the policy: the COSE signature, the PCRs, the nonce, the timestamp")
    void signatureAndPolicy() throws Exception {
        assertWhere(Forgeries.signedByAnotherKey(PKI).bytes(), RejectionReason.BAD_SIGNATURE, "COSE signature", null);
        DocumentRejectedException nonce = Fixtures.assertRejectedWith(RejectionReason.NONCE_MISMATCH,
                Fixtures.verifier(), document().build(), Expectations.nonce(new byte[] {1}));
        assertEquals(Optional.of("nonce"), nonce.field());
        AttestationVerifier pinned = AttestationVerifier.builder().trustAnchors(Fixtures.TEST_ROOT)
                .expectPcrs(ExpectedPcrs.builder().accept(0, new byte[48]).build()).anyAge()
                .clock(java.time.Clock.fixed(Fixtures.DOCUMENT_TIME, java.time.ZoneOffset.UTC)).build();
        assertEquals(Optional.of("pcrs"), assertRejected(RejectionReason.PCR_MISMATCH, pinned, document().build())
                .field());
        AttestationVerifier fresh = Fixtures.verifierBuilder().maxAge(Duration.ofSeconds(1)).build();
        assertEquals(Optional.of("timestamp"), assertRejected(RejectionReason.DOCUMENT_TOO_OLD, fresh,
                document().timestamp(Fixtures.DOCUMENT_TIME.minusSeconds(60)).build()).field());
    }

    @Test
    @DisplayName("a fault of the whole document names no field")
    void wholeDocument() {
        DocumentRejectedException tooLarge = assertRejected(RejectionReason.TOO_LARGE,
                Fixtures.verifierBuilder().maxDocumentSize(100).build(), document().build());
        assertEquals(Optional.empty(), tooLarge.field());
        assertEquals(OptionalInt.empty(), tooLarge.certificateIndex());
    }

    @Test
    @DisplayName("the exception's constructors are not API")
    void constructorsAreNotPublic() {
        for (Constructor<?> constructor : DocumentRejectedException.class.getDeclaredConstructors()) {
            assertFalse(Modifier.isPublic(constructor.getModifiers()) || Modifier.isProtected(constructor.getModifiers()),
                    constructor.toString());
        }
    }

    private static void assertWhere(byte[] bytes, RejectionReason reason, String field, Integer index) {
        DocumentRejectedException rejection = org.junit.jupiter.api.Assertions.assertThrows(
                DocumentRejectedException.class, () -> Fixtures.verifier().verify(bytes, Expectations.withoutNonce()));
        if (reason != null) {
            assertEquals(reason, rejection.reason(), rejection.detail());
        }
        assertEquals(Optional.of(field), rejection.field(), rejection.detail());
        assertEquals(index == null ? OptionalInt.empty() : OptionalInt.of(index), rejection.certificateIndex(),
                rejection.detail());
        assertTrue(rejection.detail().endsWith("."), rejection.detail());
    }
}
