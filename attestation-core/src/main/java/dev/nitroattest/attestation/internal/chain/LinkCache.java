package dev.nitroattest.attestation.internal.chain;

import dev.nitroattest.attestation.internal.ExactBytes;
import dev.nitroattest.attestation.internal.ValidityBoundCache;
import java.time.Instant;

/**
 * Certificate signatures already verified: a link is an issuer's key and the exact bytes of a certificate it signed.
 * Enclaves get a new leaf every few hours under the same zonal and instance intermediates, so a new leaf, genuine or
 * forged, costs one signature check (its own) instead of one per certificate of the chain; an attacker who sends
 * fresh forged leaves under AWS's public intermediates pays as much per document as we do. Only the signature
 * arithmetic is skipped: names, constraints and validity are checked for every chain. A link serves only while its
 * certificate is valid, and the cache is bounded.
 */
final class LinkCache {
    private final ValidityBoundCache<Link, Boolean> links;

    LinkCache(int maxEntries) {
        this.links = new ValidityBoundCache<>(maxEntries);
    }

    /** Whether {@code issuerKey} was seen to sign exactly {@code certificateDer}, usable at {@code at}. */
    boolean verified(byte[] issuerKey, byte[] certificateDer, Instant at) {
        return links.get(new Link(issuerKey, certificateDer), at) != null;
    }

    /** Remembers a verified signature for the certificate's lifetime. */
    void remember(byte[] issuerKey, byte[] certificateDer, Instant notBefore, Instant notAfter, Instant now) {
        links.put(new Link(issuerKey, certificateDer), Boolean.TRUE, notBefore, notAfter, now);
    }

    int size() {
        return links.size();
    }

    /**
     * An issuer key and a certificate, each compared byte for byte. Equality is written out rather than left to the
     * record's generated methods, whose first call links an invokedynamic site: classes spun at run time, which a
     * one-shot run such as {@code nitro-attest verify} pays for (docs/performance.md, CLI start-up).
     */
    private record Link(ExactBytes issuerKey, ExactBytes certificate) {
        Link(byte[] issuerKey, byte[] certificate) {
            this(new ExactBytes(issuerKey), new ExactBytes(certificate));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Link that && issuerKey.equals(that.issuerKey)
                    && certificate.equals(that.certificate);
        }

        @Override
        public int hashCode() {
            return 31 * issuerKey.hashCode() + certificate.hashCode();
        }
    }
}
