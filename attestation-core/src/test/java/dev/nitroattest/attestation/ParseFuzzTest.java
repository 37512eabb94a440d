package dev.nitroattest.attestation;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Property: parsing any bytes either yields a document or a typed rejection; never another exception, a
 * hang, or the parser's internal-failure safety net. In the normal build this replays the seed corpus in
 * {@code ParseFuzzTestInputs/parse}; {@code JAZZER_FUZZ=1} fuzzes (see attestation-core/README.md).
 */
class ParseFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void parse(byte[] input) {
        try {
            AttestationDocument.parse(input);
        } catch (DocumentRejectedException rejected) {
            assertFalse(rejected.detail().startsWith(AttestationDocument.UNEXPECTED_FAILURE), rejected::detail);
        }
    }
}
