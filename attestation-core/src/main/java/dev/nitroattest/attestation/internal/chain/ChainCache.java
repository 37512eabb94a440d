package dev.nitroattest.attestation.internal.chain;

import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validated chains keyed by the exact bytes of every certificate, so that the many documents one leaf
 * signs over its three hours cost one signature check each instead of five. An entry serves only at
 * instants inside its chain's validity window; outside it the caller validates afresh and gets the
 * precise expiry reason. Bounded and thread-safe; when full, expired entries go first, then arbitrary ones.
 */
public final class ChainCache {
    private final int maxEntries;
    private final ConcurrentHashMap<Key, ValidatedChain> entries;

    public ChainCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
        this.entries = new ConcurrentHashMap<>(Math.min(maxEntries, 64));
    }

    /** The validated chain for exactly these certificates if one is cached and valid at {@code at}, else null. */
    public ValidatedChain get(byte[] leafDer, List<byte[]> cabundle, Instant at) {
        ValidatedChain chain = entries.get(new Key(leafDer, cabundle));
        return chain != null && chain.isValidAt(at) ? chain : null;
    }

    public void put(byte[] leafDer, List<byte[]> cabundle, ValidatedChain chain, Instant now) {
        if (entries.size() >= maxEntries) {
            evict(now);
        }
        entries.put(new Key(leafDer, cabundle), chain);
    }

    public int size() {
        return entries.size();
    }

    private void evict(Instant now) {
        entries.values().removeIf(chain -> now.isAfter(chain.validUntil()));
        Iterator<Key> keys = entries.keySet().iterator();
        while (entries.size() >= maxEntries && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }

    /** The leaf's bytes spread the entries; equality compares every certificate byte for byte. */
    private static final class Key {
        private final byte[] leaf;
        private final List<byte[]> cabundle;
        private final int hash;

        Key(byte[] leaf, List<byte[]> cabundle) {
            this.leaf = leaf;
            this.cabundle = cabundle;
            this.hash = Arrays.hashCode(leaf) * 31 + cabundle.size();
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Key that) || hash != that.hash || !Arrays.equals(leaf, that.leaf)
                    || cabundle.size() != that.cabundle.size()) {
                return false;
            }
            for (int i = 0; i < cabundle.size(); i++) {
                if (!Arrays.equals(cabundle.get(i), that.cabundle.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
