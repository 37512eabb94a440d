package dev.nitroattest.attestation.internal.chain;

import dev.nitroattest.attestation.internal.ValidityBoundCache;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Validated chains keyed by the exact bytes of every certificate, so that the many documents one leaf
 * signs over its three hours cost one signature check each instead of five. An entry serves only at
 * instants inside its chain's validity window; outside it the caller validates afresh and gets the
 * precise expiry reason. Bounded and thread-safe; when full, expired entries go first, then arbitrary ones.
 */
public final class ChainCache {
    private final ValidityBoundCache<Key, ValidatedChain> entries;

    public ChainCache(int maxEntries) {
        this.entries = new ValidityBoundCache<>(maxEntries);
    }

    /** The validated chain for exactly these certificates if one is cached and valid at {@code at}, else null. */
    public ValidatedChain get(byte[] leafDer, List<byte[]> cabundle, Instant at) {
        return entries.get(new Key(leafDer, cabundle), at);
    }

    public void put(byte[] leafDer, List<byte[]> cabundle, ValidatedChain chain, Instant now) {
        entries.put(new Key(leafDer, cabundle), chain, chain.validFrom(), chain.validUntil(), now);
    }

    public int size() {
        return entries.size();
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
