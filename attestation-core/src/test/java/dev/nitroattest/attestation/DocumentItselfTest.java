package dev.nitroattest.attestation;

import static dev.nitroattest.attestation.Fixtures.PKI;
import static dev.nitroattest.attestation.Fixtures.assertRejected;
import static dev.nitroattest.attestation.Fixtures.document;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the document must be in itself, beyond its fields' syntax: signed within its leaf's lifetime, with the image's PCRs. */
@DisplayName("The document itself")
class DocumentItselfTest {
    private static final Instant LEAF_NOT_BEFORE = PKI.leaf().spec().notBefore();
    private static final Instant LEAF_NOT_AFTER = PKI.leaf().spec().notAfter();

    @Nested
    @DisplayName("its timestamp lies within its leaf certificate's validity")
    class SignedWithinTheLeafsLifetime {
        @Test
        @DisplayName("a timestamp before the leaf's notBefore is INVALID_FIELD, even though every certificate is valid now")
        void beforeTheLeaf() {
            byte[] bytes = document().timestamp(LEAF_NOT_BEFORE.minusMillis(1)).build();
            DocumentRejectedException rejection = assertRejected(RejectionReason.INVALID_FIELD, bytes);
            assertTrue(rejection.detail().contains("outside its leaf certificate's validity"), rejection.detail());
        }

        @Test
        @DisplayName("a timestamp after the leaf's notAfter is INVALID_FIELD, within the allowed clock skew")
        void afterTheLeaf() {
            byte[] bytes = document().timestamp(LEAF_NOT_AFTER.plusMillis(1)).build();
            AttestationVerifier atTheEnd = Fixtures.verifierBuilder().clock(Clock.fixed(LEAF_NOT_AFTER, ZoneOffset.UTC))
                    .build();
            assertRejected(RejectionReason.INVALID_FIELD, atTheEnd, bytes);
        }

        @Test
        @DisplayName("the leaf's first and last instants are within")
        void theBoundsAreWithin() throws Exception {
            AttestationVerifier atTheEnd = Fixtures.verifierBuilder()
                    .clock(Clock.fixed(LEAF_NOT_AFTER, ZoneOffset.UTC)).build();
            atTheEnd.verify(document().timestamp(LEAF_NOT_AFTER).build(), Expectations.withoutNonce());
            Fixtures.verifier().verify(document().timestamp(LEAF_NOT_BEFORE).build(), Expectations.withoutNonce());
        }

        @Test
        @DisplayName("freshness keeps its own reasons for documents far in the past or the future")
        void freshnessFirst() {
            AttestationVerifier fiveMinutes = Fixtures.verifierBuilder().maxAge(Duration.ofMinutes(5)).build();
            assertRejected(RejectionReason.DOCUMENT_TOO_OLD, fiveMinutes,
                    document().timestamp(LEAF_NOT_BEFORE.minus(Duration.ofHours(1))).build());
            assertRejected(RejectionReason.DOCUMENT_FROM_FUTURE,
                    document().timestamp(Fixtures.DOCUMENT_TIME.plus(Duration.ofHours(1))).build());
        }
    }

    @Nested
    @DisplayName("an enclave document carries PCR0, PCR1 and PCR2")
    class ImagePcrs {
        @ParameterizedTest
        @ValueSource(ints = {0, 1, 2})
        void withoutOneOfThemItIsInvalid(int index) {
            DocumentRejectedException rejection = assertRejected(RejectionReason.INVALID_FIELD,
                    document().removePcr(index).build());
            assertTrue(rejection.detail().contains("no PCR" + index), rejection.detail());
        }

        @Test
        @DisplayName("a debug document without them is INVALID_FIELD, not DEBUG_ENCLAVE: debug detection never sees it")
        void debugDetectionNeverSeesItWithout() {
            assertRejected(RejectionReason.INVALID_FIELD, document().debugMode().removePcr(1).build());
        }

        @Test
        @DisplayName("with only PCR0, PCR1 and PCR2 it verifies")
        void threeAreEnough() throws Exception {
            Fixtures.verifier().verify(document().pcrCount(3).build(), Expectations.withoutNonce());
        }
    }

    @Nested
    @DisplayName("rejection details are the project's own sentences")
    class OwnSentences {
        /** Map keys the scanner admits but that are neither text strings nor integers. */
        @ParameterizedTest
        @ValueSource(strings = {"f93c00", "fa3f800000", "fb3ff0000000000000", "f5", "f4", "f6", "80", "8101", "a0",
            "a10102"})
        void aPayloadKeyOfAnotherTypeIsMalformedInOurWords(String keyHex) {
            byte[] key = HexFormat.of().parseHex(keyHex);
            DocumentRejectedException rejection = assertRejected(RejectionReason.MALFORMED,
                    document().extraEntry(key, new byte[] {0x01}).build());
            assertEquals("The payload has a map key that is neither a text string nor an integer.", rejection.detail());
        }

        @ParameterizedTest
        @ValueSource(strings = {"f93c00", "f5", "f6", "80", "a0"})
        void aPcrKeyOfAnotherTypeIsMalformedInOurWords(String keyHex) {
            byte[] pcrs = HexFormat.of().parseHex("a2" + keyHex + "5830" + "00".repeat(48) + "00" + "5830"
                    + "00".repeat(48));
            DocumentRejectedException rejection = assertRejected(RejectionReason.MALFORMED,
                    document().rawField("pcrs", pcrs).build());
            DecoderWordingTest.assertOwnWords(rejection.detail());
        }
    }
}
