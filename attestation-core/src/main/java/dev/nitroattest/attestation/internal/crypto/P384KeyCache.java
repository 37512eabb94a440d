package dev.nitroattest.attestation.internal.crypto;

import dev.nitroattest.attestation.internal.ExactBytes;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decoded keys by their exact encoding, so that a key met again (the regional, zonal and instance CAs are
 * shared by many enclaves for days) is neither decoded nor validated again and verifies with its
 * precomputed tables. Only keys of chains that validated are kept, so forged documents cannot crowd out
 * real keys. Bounded and thread-safe; when full, arbitrary entries make room.
 */
public final class P384KeyCache {
    private final int maxEntries;
    private final ConcurrentHashMap<ExactBytes, P384PublicKey> keys;

    public P384KeyCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
        this.keys = new ConcurrentHashMap<>(Math.min(maxEntries, 64));
    }

    /**
     * The kept key for this encoded point, or a freshly decoded one.
     *
     * @throws IllegalArgumentException if the bytes are not a valid P-384 point
     */
    public P384PublicKey decode(byte[] encodedPoint) {
        P384PublicKey kept = keys.get(new ExactBytes(encodedPoint));
        return kept != null ? kept : P384PublicKey.fromEncodedPoint(encodedPoint);
    }

    /** Keeps a key of a chain that validated. */
    public void keep(P384PublicKey key) {
        ExactBytes encoded = new ExactBytes(key.encoded());
        if (keys.containsKey(encoded)) {
            return;
        }
        if (keys.size() >= maxEntries) {
            Iterator<ExactBytes> entries = keys.keySet().iterator();
            while (keys.size() >= maxEntries && entries.hasNext()) {
                entries.next();
                entries.remove();
            }
        }
        keys.putIfAbsent(encoded, key);
    }

    public int size() {
        return keys.size();
    }
}
