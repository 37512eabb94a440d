package dev.nitroattest.attestation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nitroattest.bytes.Bytes;
import java.util.Set;

/**
 * Property: whatever the bytes, verification returns a result only for content the test kit signed, and
 * otherwise a typed rejection. The fuzzer holds no private key, so any accepted input must carry one of
 * the seed documents' signed payloads under the test root; anything else accepted would be a forgery.
 */
class VerifyFuzzTest {
    private static final AttestationVerifier VERIFIER = Fixtures.verifierBuilder().allowDebugEnclaves().build();
    private static final Set<Bytes> SIGNED_PAYLOADS = FuzzSeeds.signedPayloads();

    @FuzzTest(maxDuration = "5m")
    void verify(byte[] input) {
        try {
            VerifiedAttestation verified = VERIFIER.verify(input, Expectations.withoutNonce());
            assertTrue(SIGNED_PAYLOADS.contains(verified.document().payload()),
                    "a payload the test kit never signed was accepted");
        } catch (DocumentRejectedException rejected) {
            assertFalse(rejected.detail().startsWith(AttestationDocument.UNEXPECTED_FAILURE), rejected::detail);
        }
    }
}
