package dev.nitroattest.cli.speed;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.cli.samples.Samples;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code verify-new-leaf/s}: documents whose leaves the verifier has never seen, under intermediates it has verified,
 * the common case in a fleet (every enclave gets a new leaf every few hours). They are the jar's sample documents,
 * which the build issues with the test kit's PKI; a document from a file has no such siblings. When the pool runs
 * out, a new verifier that has validated the standard chain once starts it again, a cost spread
 * over the pool's documents.
 */
final class NewLeafDocuments {
    private final List<byte[]> documents;
    private final byte[] standardDocument;
    private final TrustAnchor root;
    private final Instant at;
    private final AtomicReference<Round> round = new AtomicReference<>();

    /** One verifier and the position in the pool it has reached. */
    private record Round(AttestationVerifier verifier, AtomicInteger next) {
    }

    NewLeafDocuments() throws DocumentRejectedException {
        root = TrustAnchor.fromPem(Samples.rootPem());
        standardDocument = Samples.document();
        at = AttestationDocument.parse(standardDocument).timestamp();
        documents = Samples.newLeafDocuments();
        round.set(newRound());
    }

    private Round newRound() throws DocumentRejectedException {
        AttestationVerifier verifier = AttestationVerifier.builder().trustAnchors(root).acceptAnyEnclaveImage()
                .anyAge().build();
        verifier.verifyAt(at, verifier.parse(standardDocument), Expectations.withoutNonce());
        return new Round(verifier, new AtomicInteger());
    }

    /** Verifies the next document of the pool, starting a new round when it is used up. */
    VerifiedAttestation verifyNext() throws DocumentRejectedException {
        while (true) {
            Round current = round.get();
            int index = current.next().getAndIncrement();
            if (index < documents.size()) {
                return current.verifier().verifyAt(at, current.verifier().parse(documents.get(index)),
                        Expectations.withoutNonce());
            }
            if (index == documents.size()) {
                round.compareAndSet(current, newRound());
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
