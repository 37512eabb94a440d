package dev.nitroattest.attestation.internal.crypto;

import dev.nitroattest.attestation.internal.ExactBytes;
import dev.nitroattest.attestation.internal.ValidityBoundCache;
import java.time.Instant;

/**
 * Decoded keys by their exact encoding, so that a key met again (the regional, zonal and instance CAs are
 * shared by many enclaves for days) is neither decoded nor validated again and verifies with its
 * precomputed tables. Only keys of chains that validated are kept, so forged documents cannot crowd out
 * real keys. Bounded and thread-safe, in the library's one cache scheme ({@link ValidityBoundCache}); a key itself
 * never expires (the certificates that carry it are checked each time), so its window is unbounded.
 */
public final class P384KeyCache {
    private final ValidityBoundCache<ExactBytes, P384PublicKey> keys;

    public P384KeyCache(int maxEntries) {
        this.keys = new ValidityBoundCache<>(maxEntries);
    }

    /**
     * The kept key for this encoded point, or a freshly decoded one.
     *
     * @throws IllegalArgumentException if the bytes are not a valid P-384 point
     */
    public P384PublicKey decode(byte[] encodedPoint) {
        P384PublicKey kept = keys.get(new ExactBytes(encodedPoint), Instant.EPOCH);
        return kept != null ? kept : P384PublicKey.fromEncodedPoint(encodedPoint);
    }

    /** Keeps a key of a chain that validated. */
    public void keep(P384PublicKey key) {
        ExactBytes encoded = new ExactBytes(key.encoded());
        if (keys.get(encoded, Instant.EPOCH) == null) {
            keys.put(encoded, key, Instant.MIN, Instant.MAX, Instant.MIN);
        }
    }

    public int size() {
        return keys.size();
    }
}
