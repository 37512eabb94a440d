package dev.nitroattest.tls.internal;

import dev.nitroattest.bytes.Bytes;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verified results by a certificate's exact bytes, each good inside a window (from its verification to the first
 * instant a fresh verification could refuse it), at most {@code maxEntries} of them; when full, expired entries go
 * first, then arbitrary ones. The same scheme as attestation-core's cache of validated chains, kept here because
 * that one is internal to its module. Thread-safe.
 *
 * @param <V> the cached result
 */
public final class VerificationCache<V> {
    private record Entry<V>(V value, Instant from, Instant until) {
    }

    private final int maxEntries;
    private final ConcurrentHashMap<Bytes, Entry<V>> entries;

    /** A cache of at most {@code maxEntries} results; 0 keeps none. */
    public VerificationCache(int maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries cannot be negative");
        }
        this.maxEntries = maxEntries;
        this.entries = new ConcurrentHashMap<>(Math.min(Math.max(maxEntries, 1), 64));
    }

    /** The result for these exact bytes if one is cached and its window contains {@code at} (inclusive), else null. */
    public V get(Bytes certificate, Instant at) {
        Entry<V> entry = entries.get(certificate);
        return entry == null || at.isBefore(entry.from()) || at.isAfter(entry.until()) ? null : entry.value();
    }

    /** Keeps {@code value} for use from {@code from} to {@code until}. */
    public void put(Bytes certificate, V value, Instant from, Instant until) {
        if (maxEntries == 0 || until.isBefore(from)) {
            return;
        }
        if (entries.size() >= maxEntries) {
            evict(from);
        }
        entries.put(certificate, new Entry<>(value, from, until));
    }

    /** How many results it holds now. */
    public int size() {
        return entries.size();
    }

    private void evict(Instant now) {
        entries.values().removeIf(entry -> now.isAfter(entry.until()));
        Iterator<Bytes> keys = entries.keySet().iterator();
        while (entries.size() >= maxEntries && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
