package dev.nitroattest.attestation;

import static dev.nitroattest.attestation.Fixtures.assertRejected;
import static dev.nitroattest.attestation.Fixtures.document;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.bytes.Bytes;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Rule 6 of the verifier: measurements, debug enclaves, document kind and the caller's expectations. */
@DisplayName("Policy")
class PolicyTest {
    private static final byte[] PCR0 = pcr(document().build(), 0);
    private static final byte[] PCR1 = pcr(document().build(), 1);

    @Nested
    @DisplayName("expected PCRs")
    class Measurements {
        @Test
        @DisplayName("a verifier cannot be built without a measurement decision")
        void measurementDecisionIsMandatory() {
            assertThrows(VerifierConfigurationException.class, () -> ExpectedPcrs.builder().build());
            // acceptAnyEnclaveImage() is the explicit alternative; the stage type offers nothing else.
            assertEquals(2, java.util.Arrays.stream(AttestationVerifier.MeasurementStage.class.getDeclaredMethods())
                    .filter(method -> java.lang.reflect.Modifier.isPublic(method.getModifiers())).count());
        }

        @Test
        @DisplayName("pinned PCRs that match verify; any other value is PCR_MISMATCH naming the PCR")
        void pinnedPcrs() throws Exception {
            AttestationVerifier pinned = pinnedTo(ExpectedPcrs.builder().accept(0, PCR0).accept(1, PCR1).build());
            pinned.verify(document().build(), Expectations.withoutNonce());
            byte[] changed = PCR1.clone();
            changed[47] ^= 1;
            DocumentRejectedException rejection =
                    assertRejected(RejectionReason.PCR_MISMATCH, pinned, document().pcr(1, changed).build());
            assertTrue(rejection.detail().startsWith("PCR1 "), rejection.detail());
        }

        @Test
        @DisplayName("several accepted values for one index allow a rolling upgrade")
        void severalValues() throws Exception {
            byte[] next = new byte[48];
            Arrays.fill(next, (byte) 7);
            AttestationVerifier rolling = pinnedTo(ExpectedPcrs.builder().accept(0, PCR0).accept(0, next).build());
            rolling.verify(document().build(), Expectations.withoutNonce());
            rolling.verify(document().pcr(0, next).build(), Expectations.withoutNonce());
            byte[] third = next.clone();
            third[0] = 8;
            assertRejected(RejectionReason.PCR_MISMATCH, rolling, document().pcr(0, third).build());
        }

        @Test
        @DisplayName("a pinned index the document lacks is PCR_MISMATCH, never a wildcard")
        void missingPinnedIndex() throws Exception {
            byte[] pcr8 = new byte[48];
            AttestationVerifier signedImage = pinnedTo(ExpectedPcrs.builder().accept(8, pcr8).build());
            signedImage.verify(document().build(), Expectations.withoutNonce());
            assertRejected(RejectionReason.PCR_MISMATCH, signedImage, document().removePcr(8).build());
            AttestationVerifier pcr16 = pinnedTo(ExpectedPcrs.builder().accept(16, new byte[48])
                    .allowPinsWithoutImagePcrs().build());
            assertRejected(RejectionReason.PCR_MISMATCH, pcr16, document().build());
        }

        @Test
        @DisplayName("pins of PCR3 and PCR4 alone, which every image on that parent passes, are refused")
        void parentOnlyPinsAreRefused() {
            byte[] value = new byte[48];
            for (int[] indices : new int[][] {{3}, {4}, {3, 4}, {3, 4, 16}}) {
                ExpectedPcrs.Builder pins = ExpectedPcrs.builder();
                Arrays.stream(indices).forEach(index -> pins.accept(index, value));
                VerifierConfigurationException refused = assertThrows(VerifierConfigurationException.class,
                        pins::build);
                assertTrue(refused.getMessage().contains("none of which measures the enclave image"),
                        refused.getMessage());
                assertTrue(refused.getMessage().contains("allowPinsWithoutImagePcrs()"), refused.getMessage());
            }
            assertEquals("The policy pins only PCR3, PCR4, none of which measures the enclave image, so every image on "
                    + "that parent would pass; pin PCR0, 1, 2 or 8 as well (or call allowPinsWithoutImagePcrs() if "
                    + "the image is pinned some other way).", assertThrows(VerifierConfigurationException.class,
                            () -> ExpectedPcrs.builder().accept(3, value).accept(4, value).build()).getMessage());
        }

        @Test
        @DisplayName("one image PCR among parent pins is enough; the named relaxation lifts the rule")
        void anImagePcrOrTheNamedRelaxation() {
            byte[] value = new byte[48];
            for (int image : ExpectedPcrs.IMAGE_PCRS) {
                assertTrue(ExpectedPcrs.builder().accept(3, value).accept(image, value).build().pinsImage());
            }
            ExpectedPcrs relaxed = ExpectedPcrs.builder().accept(3, value).allowPinsWithoutImagePcrs().build();
            assertFalse(relaxed.pinsImage());
        }

        @Test
        @DisplayName("a verified document carries the policy it passed")
        void theVerifiersPolicyIsOnTheResult() throws Exception {
            VerifiedAttestation pinned = pinnedTo(ExpectedPcrs.builder().accept(0, PCR0).accept(1, PCR1).build())
                    .verify(document().build(), Expectations.withoutNonce());
            assertEquals(new VerifierPolicy(DocumentKind.ENCLAVE, new java.util.TreeSet<>(java.util.List.of(0, 1)),
                    true, false), pinned.policy());
            assertFalse(pinned.policy().anyEnclaveImage());

            VerifiedAttestation any = AttestationVerifier.builder().trustAnchors(Fixtures.TEST_ROOT)
                    .acceptAnyEnclaveImage().allowDebugEnclaves().anyAge()
                    .clock(Clock.fixed(Fixtures.DOCUMENT_TIME, ZoneOffset.UTC)).build()
                    .verify(document().build(), Expectations.withoutNonce());
            assertTrue(any.policy().anyEnclaveImage());
            assertFalse(any.policy().imagePinned());
            assertTrue(any.policy().debugEnclavesAllowed());

            byte[] pcr3 = pcr(document().build(), 3);
            VerifiedAttestation parentOnly = pinnedTo(ExpectedPcrs.builder().accept(3, pcr3)
                    .allowPinsWithoutImagePcrs().build()).verify(document().build(), Expectations.withoutNonce());
            assertFalse(parentOnly.policy().imagePinned());
            assertFalse(parentOnly.policy().anyEnclaveImage());
        }

        @Test
        @DisplayName("a PCR value of the wrong length or an index outside 0..31 is a configuration error")
        void configurationErrors() {
            assertThrows(VerifierConfigurationException.class, () -> ExpectedPcrs.builder().accept(0, new byte[32]));
            assertThrows(VerifierConfigurationException.class, () -> ExpectedPcrs.builder().accept(32, new byte[48]));
            assertThrows(VerifierConfigurationException.class, () -> ExpectedPcrs.builder().accept(-1, new byte[48]));
            assertThrows(VerifierConfigurationException.class, () -> ExpectedPcrs.builder().accept(0, "zz"));
            assertEquals(Map.of(0, java.util.List.of(Bytes.of(PCR0))),
                    ExpectedPcrs.ofHex(Map.of(0, Bytes.of(PCR0).toHex().toUpperCase())).asMap());
        }
    }

    @Nested
    @DisplayName("debug-mode enclaves")
    class Debug {
        @Test
        @DisplayName("PCR0, PCR1 and PCR2 all zero is DEBUG_ENCLAVE unless allowDebugEnclaves()")
        void debugRefusedByDefault() throws Exception {
            byte[] debug = document().debugMode().build();
            assertRejected(RejectionReason.DEBUG_ENCLAVE, debug);
            VerifiedAttestation allowed = Fixtures.verifierBuilder().allowDebugEnclaves().build().verify(debug, Expectations.withoutNonce());
            assertTrue(allowed.isDebugEnclave());
        }

        @Test
        @DisplayName("only all three zero makes a debug enclave")
        void partiallyZeroIsNotDebug() throws Exception {
            VerifiedAttestation verified = Fixtures.verifier().verify(document().pcr(0, new byte[48])
                    .pcr(1, new byte[48]).build(), Expectations.withoutNonce());
            assertFalse(verified.isDebugEnclave());
        }

        @Test
        @DisplayName("allowing debug enclaves does not waive pinned PCRs")
        void debugStillMeasured() {
            AttestationVerifier verifier = AttestationVerifier.builder().trustAnchors(Fixtures.TEST_ROOT)
                    .expectPcrs(ExpectedPcrs.builder().accept(0, PCR0).build()).anyAge().allowDebugEnclaves()
                    .clock(Clock.fixed(Fixtures.DOCUMENT_TIME, ZoneOffset.UTC)).build();
            assertRejected(RejectionReason.PCR_MISMATCH, verifier, document().debugMode().build());
        }
    }

    @Nested
    @DisplayName("document kind")
    class Kind {
        @Test
        @DisplayName("an enclave verifier refuses a genuine NitroTPM document as WRONG_DOCUMENT_KIND")
        void tpmRefusedByEnclaveVerifier() {
            assertRejected(RejectionReason.WRONG_DOCUMENT_KIND, document().nitroTpm().build());
        }

        @Test
        @DisplayName("a NitroTPM verifier verifies it and exposes nitrotpm_pcrs, and refuses enclave documents")
        void tpmVerifier() throws Exception {
            AttestationVerifier tpm = Fixtures.verifierBuilder().verifyNitroTpmDocuments().build();
            VerifiedAttestation verified = tpm.verify(document().nitroTpm().build(), Expectations.withoutNonce());
            assertEquals(DocumentKind.NITRO_TPM, verified.kind());
            assertEquals(24, verified.pcrs().size());
            assertFalse(verified.isDebugEnclave());
            assertRejected(RejectionReason.WRONG_DOCUMENT_KIND, tpm, document().build());
        }

        @Test
        @DisplayName("a NitroTPM verifier can pin nitrotpm_pcrs, but only indices below 24")
        void tpmPins() throws Exception {
            byte[] tpmDocument = document().nitroTpm().build();
            byte[] pcr7 = AttestationDocument.parse(tpmDocument).pcrs().get(7).orElseThrow().toByteArray();
            AttestationVerifier.builder().trustAnchors(Fixtures.TEST_ROOT)
                    .expectPcrs(ExpectedPcrs.builder().accept(7, pcr7).allowPinsWithoutImagePcrs().build()).anyAge()
                    .verifyNitroTpmDocuments()
                    .clock(Clock.fixed(Fixtures.DOCUMENT_TIME, ZoneOffset.UTC)).build().verify(tpmDocument, Expectations.withoutNonce());
            assertThrows(VerifierConfigurationException.class, () -> AttestationVerifier.builder()
                    .trustAnchors(Fixtures.TEST_ROOT).expectPcrs(ExpectedPcrs.builder().accept(24, new byte[48])
                            .allowPinsWithoutImagePcrs().build()).anyAge().verifyNitroTpmDocuments().build());
        }
    }

    @Nested
    @DisplayName("nonce, user_data and public_key expectations")
    class ExpectationsOfTheCaller {
        private final byte[] nonce = {1, 2, 3, 4};

        @Test
        @DisplayName("the expected nonce verifies; another, or none, is NONCE_MISMATCH")
        void nonce() throws Exception {
            AttestationVerifier verifier = Fixtures.verifier();
            verifier.verify(document().nonce(nonce).build(), Expectations.nonce(nonce));
            assertEquals(RejectionReason.NONCE_MISMATCH, rejection(verifier, document().nonce(new byte[] {1, 2, 3, 5})
                    .build(), Expectations.nonce(nonce)));
            assertEquals(RejectionReason.NONCE_MISMATCH,
                    rejection(verifier, document().build(), Expectations.nonce(nonce)));
            assertEquals(RejectionReason.NONCE_MISMATCH,
                    rejection(verifier, document().nonce(new byte[0]).build(), Expectations.nonce(nonce)));
        }

        @Test
        @DisplayName("user_data and public_key are checked the same way")
        void userDataAndPublicKey() throws Exception {
            AttestationVerifier verifier = Fixtures.verifier();
            byte[] userData = "binding".getBytes();
            byte[] key = {0x30, 0x01};
            byte[] bytes = document().userData(userData).publicKey(key).build();
            verifier.verify(bytes, Expectations.withoutNonce().withUserData(userData).withPublicKey(key));
            assertEquals(RejectionReason.USER_DATA_MISMATCH,
                    rejection(verifier, bytes, Expectations.withoutNonce().withUserData("other".getBytes())));
            assertEquals(RejectionReason.PUBLIC_KEY_MISMATCH,
                    rejection(verifier, bytes, Expectations.withoutNonce().withPublicKey(new byte[] {0x30, 0x02})));
            assertEquals(RejectionReason.PUBLIC_KEY_MISMATCH,
                    rejection(verifier, document().build(), Expectations.withoutNonce().withPublicKey(key)));
        }

        @Test
        @DisplayName("expectations copy their input")
        void expectationsCopy() throws Exception {
            byte[] expected = nonce.clone();
            Expectations expectations = Expectations.nonce(expected);
            expected[0] = 9;
            Fixtures.verifier().verify(document().nonce(nonce).build(), expectations);
        }
    }

    private static RejectionReason rejection(AttestationVerifier verifier, byte[] bytes, Expectations expectations) {
        return assertThrows(DocumentRejectedException.class, () -> verifier.verify(bytes, expectations)).reason();
    }

    private static AttestationVerifier pinnedTo(ExpectedPcrs expected) {
        return AttestationVerifier.builder().trustAnchors(Fixtures.TEST_ROOT).expectPcrs(expected)
                .clock(Clock.fixed(Fixtures.DOCUMENT_TIME, ZoneOffset.UTC)).anyAge().build();
    }

    private static byte[] pcr(byte[] document, int index) {
        try {
            return AttestationDocument.parse(document).pcrs().get(index).orElseThrow().toByteArray();
        } catch (DocumentRejectedException e) {
            throw new AssertionError(e);
        }
    }
}
