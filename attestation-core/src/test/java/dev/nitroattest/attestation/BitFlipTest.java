package dev.nitroattest.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.testkit.BitFlip;
import dev.nitroattest.testkit.BitFlips;
import dev.nitroattest.testkit.RealDocument;
import dev.nitroattest.testkit.RealDocumentCorpus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every single-bit change of a genuine document is rejected with a typed reason: no bit of a document is
 * unprotected, and no corruption escapes as another exception.
 */
@DisplayName("Single-bit flips")
class BitFlipTest {
    @Test
    @DisplayName("every bit flip of a test-kit document is rejected")
    void testKitDocument() throws Exception {
        byte[] genuine = Fixtures.document().nonce(new byte[] {1, 2, 3}).build();
        AttestationVerifier verifier = Fixtures.verifier();
        verifier.verify(genuine, Expectations.withoutNonce());
        assertAllFlipsRejected(genuine, verifier, Fixtures.DOCUMENT_TIME);
    }

    @Test
    @DisplayName("every bit flip of a real document is rejected at that document's timestamp")
    void realDocument() throws Exception {
        RealDocument real = RealDocumentCorpus.load().genuine().stream().filter(d -> !d.debugEnclave())
                .findFirst().orElseThrow();
        AttestationVerifier verifier = AttestationVerifier.builder().trustAwsNitroEnclavesRoot().acceptAnyEnclaveImage()
                .anyAge().build();
        verifier.verifyAt(real.timestamp(), verifier.parse(real.bytes()), Expectations.withoutNonce());
        assertAllFlipsRejected(real.bytes(), verifier, real.timestamp());
    }

    private static void assertAllFlipsRejected(byte[] genuine, AttestationVerifier verifier, Instant at) {
        List<BitFlip> flips = new ArrayList<>(genuine.length * 8);
        BitFlips.of(genuine).forEach(flips::add);
        assertEquals(genuine.length * 8, flips.size());
        ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
        IntStream.range(0, flips.size()).parallel().forEach(i -> {
            BitFlip flip = flips.get(i);
            try {
                verifier.verifyAt(at, verifier.parse(flip.bytes()), Expectations.withoutNonce());
                accepted.add("bit " + flip.bitIndex() + " was accepted");
            } catch (DocumentRejectedException rejected) {
                if (rejected.detail().startsWith(AttestationDocument.UNEXPECTED_FAILURE)) {
                    accepted.add("bit " + flip.bitIndex() + " hit a decoder bug: " + rejected.detail());
                }
            }
        });
        assertTrue(accepted.isEmpty(), () -> String.join("\n", accepted));
    }
}
