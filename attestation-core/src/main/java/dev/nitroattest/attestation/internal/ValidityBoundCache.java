package dev.nitroattest.attestation.internal;

import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The library's one cache scheme: values good only inside a validity window, at most {@code maxEntries} of
 * them. A value serves only at instants inside its window, so a caller outside it works afresh and gets the precise
 * reason; when full, expired entries go first, then arbitrary ones. Thread-safe.
 *
 * @param <K> the key, compared by value
 * @param <V> the value
 */
public final class ValidityBoundCache<K, V> {
    private record Entry<V>(V value, Instant from, Instant until) {
    }

    private final int maxEntries;
    private final ConcurrentHashMap<K, Entry<V>> entries;

    /** A cache of at most {@code maxEntries} values. */
    public ValidityBoundCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
        this.entries = new ConcurrentHashMap<>(Math.min(maxEntries, 64));
    }

    /** The value for {@code key} if one is cached and its window contains {@code at} (bounds inclusive), else null. */
    public V get(K key, Instant at) {
        Entry<V> entry = entries.get(key);
        return entry == null || at.isBefore(entry.from()) || at.isAfter(entry.until()) ? null : entry.value();
    }

    /** Keeps {@code value} for use from {@code from} to {@code until}; {@code now} decides what has expired. */
    public void put(K key, V value, Instant from, Instant until, Instant now) {
        if (entries.size() >= maxEntries) {
            evict(now);
        }
        entries.put(key, new Entry<>(value, from, until));
    }

    /** How many values it holds now. */
    public int size() {
        return entries.size();
    }

    private void evict(Instant now) {
        entries.values().removeIf(entry -> now.isAfter(entry.until()));
        Iterator<K> keys = entries.keySet().iterator();
        while (entries.size() >= maxEntries && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
