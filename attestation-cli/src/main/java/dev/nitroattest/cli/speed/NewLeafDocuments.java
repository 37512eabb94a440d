package dev.nitroattest.cli.speed;

import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.testkit.DocumentBuilder;
import dev.nitroattest.testkit.EcCurve;
import dev.nitroattest.testkit.EcKeyPair;
import dev.nitroattest.testkit.TestCertificates;
import dev.nitroattest.testkit.TestPki;
import java.math.BigInteger;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code verify-new-leaf/s}: documents whose leaves the verifier has never seen, under intermediates it has verified,
 * the common case in a fleet (every enclave gets a new leaf every few hours). They come from the test kit's PKI, which
 * can issue new leaves; a document from a file cannot. The pool is small, so that preparing it takes a fraction of a
 * second: when it runs out, a new verifier that has validated the standard chain once starts it again, a cost spread
 * over the pool's documents.
 */
final class NewLeafDocuments {
    private static final int POOL = 256;

    private final byte[][] documents = new byte[POOL][];
    private final byte[] standardDocument;
    private final TrustAnchor root;
    private final Instant at;
    private final AtomicReference<Round> round = new AtomicReference<>();

    /** One verifier and the position in the pool it has reached. */
    private record Round(AttestationVerifier verifier, AtomicInteger next) {
    }

    NewLeafDocuments() throws DocumentRejectedException {
        TestPki pki = TestPki.standard();
        root = TrustAnchor.fromPem(pki.rootPem());
        at = pki.documentTime();
        standardDocument = DocumentBuilder.forPki(pki).build();
        for (int i = 0; i < POOL; i++) {
            EcKeyPair leafKey = EcKeyPair.derive(EcCurve.P384, "speed: new leaf " + i);
            byte[] leaf = TestCertificates.issue(pki.leaf().spec().toBuilder().serial(BigInteger.valueOf(30_000 + i))
                    .subjectKey(leafKey).build()).der();
            documents[i] = DocumentBuilder.withSigner(leafKey, leaf, pki.cabundle()).build();
        }
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
            if (index < POOL) {
                return current.verifier().verifyAt(at, current.verifier().parse(documents[index]),
                        Expectations.withoutNonce());
            }
            if (index == POOL) {
                round.compareAndSet(current, newRound());
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
