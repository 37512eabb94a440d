package dev.nitroattest.attestation;

import static dev.nitroattest.attestation.Fixtures.DOCUMENT_TIME;
import static dev.nitroattest.attestation.Fixtures.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.testkit.MutableClock;
import dev.nitroattest.testkit.TestCertificates;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The validated-chain cache: keyed by every certificate's exact bytes, bounded, and never serving a chain
 * outside its validity window.
 */
@DisplayName("Validated-chain cache")
class ChainCacheTest {
    @Test
    @DisplayName("documents under one chain share one validated chain")
    void sharedChain() throws Exception {
        AttestationVerifier verifier = Fixtures.verifier();
        VerifiedAttestation first = verifier.verify(Fixtures.document().nonce(new byte[] {1}).build(), Expectations.withoutNonce());
        VerifiedAttestation second = verifier.verify(Fixtures.document().nonce(new byte[] {2}).build(), Expectations.withoutNonce());
        assertSame(first.chain(), second.chain());
        assertEquals(first.certificateChain(), second.certificateChain());
        assertEquals(1, verifier.cachedChainCount());
    }

    @Test
    @DisplayName("a cached chain is not served after it expires or before it is valid")
    void windowRespected() throws Exception {
        MutableClock clock = new MutableClock(DOCUMENT_TIME);
        AttestationVerifier verifier = Fixtures.verifierBuilder().clock(clock)
                .maxClockSkew(AttestationVerifier.MAX_CLOCK_SKEW_LIMIT).build();
        byte[] bytes = Fixtures.document().build();
        verifier.verify(bytes, Expectations.withoutNonce());
        assertEquals(1, verifier.cachedChainCount());
        clock.set(Fixtures.PKI.chainValidUntil().plusMillis(1));
        assertRejected(RejectionReason.CERTIFICATE_EXPIRED, verifier, bytes);
        clock.set(Fixtures.PKI.chainValidFrom().minusMillis(1));
        assertRejected(RejectionReason.CERTIFICATE_NOT_YET_VALID, verifier, bytes);
    }

    @Test
    @DisplayName("the same leaf under a different bundle is validated afresh, not served from the cache")
    void keyCoversTheBundle() throws Exception {
        AttestationVerifier verifier = Fixtures.verifier();
        verifier.verify(Fixtures.document().build(), Expectations.withoutNonce());
        List<byte[]> swapped = new ArrayList<>(Fixtures.PKI.cabundle());
        Collections.swap(swapped, 2, 3);
        assertRejected(RejectionReason.UNTRUSTED_CHAIN, verifier, Fixtures.document().cabundle(swapped).build());
    }

    @Test
    @DisplayName("the cache holds at most its configured number of chains, and can be disabled")
    void bounded() throws Exception {
        AttestationVerifier small = Fixtures.verifierBuilder().chainCacheSize(2).build();
        AttestationVerifier none = Fixtures.verifierBuilder().chainCacheSize(0).build();
        for (int i = 0; i < 5; i++) {
            // Distinct chains under one root: the leaf re-issued with another serial number.
            byte[] leaf = TestCertificates.issue(Fixtures.PKI.leaf().spec().toBuilder()
                    .serial(BigInteger.valueOf(1000 + i)).build()).der();
            byte[] bytes = Fixtures.document().certificate(leaf).build();
            small.verify(bytes, Expectations.withoutNonce());
            none.verify(bytes, Expectations.withoutNonce());
            assertTrue(small.cachedChainCount() <= 2, "cache size " + small.cachedChainCount());
        }
        assertEquals(2, small.cachedChainCount());
        assertEquals(0, none.cachedChainCount());
    }

    @Test
    @DisplayName("chainCacheSize(0) checks every certificate signature of every document, the same chain or not")
    void chainCacheSizeZeroChecksEverySignature() throws Exception {
        AttestationVerifier none = Fixtures.verifierBuilder().chainCacheSize(0).build();
        AttestationVerifier cached = Fixtures.verifier();
        byte[] bytes = Fixtures.document().build();
        int signedCertificates = Fixtures.PKI.cabundle().size();
        for (int i = 1; i <= 3; i++) {
            none.verify(bytes, Expectations.withoutNonce());
            cached.verify(bytes, Expectations.withoutNonce());
            assertEquals(i * signedCertificates, none.certificateSignatureChecks());
            assertEquals(signedCertificates, cached.certificateSignatureChecks());
        }
        assertEquals(0, none.cachedChainCount());
    }

    @Test
    @DisplayName("with its caches on, a verifier remembers verified links: another leaf under the same bundle costs one")
    void anotherLeafUnderTheSameBundleChecksOnlyTheLeaf() throws Exception {
        AttestationVerifier cached = Fixtures.verifier();
        AttestationVerifier none = Fixtures.verifierBuilder().chainCacheSize(0).build();
        byte[] anotherLeaf = TestCertificates.issue(Fixtures.PKI.leaf().spec().toBuilder()
                .serial(BigInteger.valueOf(20261207)).build()).der();
        int signedCertificates = Fixtures.PKI.cabundle().size();
        for (AttestationVerifier verifier : List.of(cached, none)) {
            verifier.verify(Fixtures.document().build(), Expectations.withoutNonce());
            verifier.verify(Fixtures.document().certificate(anotherLeaf).build(), Expectations.withoutNonce());
        }
        assertEquals(signedCertificates + 1, cached.certificateSignatureChecks());
        assertEquals(2 * signedCertificates, none.certificateSignatureChecks());
    }
}
