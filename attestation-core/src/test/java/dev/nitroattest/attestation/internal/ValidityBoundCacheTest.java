package dev.nitroattest.attestation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The library's one cache scheme: bounded, windowed, expired entries evicted first. */
class ValidityBoundCacheTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void aValueServesOnlyInsideItsWindowBoundsIncluded() {
        ValidityBoundCache<String, String> cache = new ValidityBoundCache<>(4);
        cache.put("k", "v", T0, T0.plusSeconds(60), T0);
        assertEquals("v", cache.get("k", T0));
        assertEquals("v", cache.get("k", T0.plusSeconds(60)));
        assertNull(cache.get("k", T0.minusNanos(1)));
        assertNull(cache.get("k", T0.plusSeconds(60).plusNanos(1)));
    }

    @Test
    void whenFullExpiredEntriesGoFirst() {
        ValidityBoundCache<Integer, String> cache = new ValidityBoundCache<>(3);
        cache.put(1, "expired", T0, T0.plusSeconds(1), T0);
        cache.put(2, "live", T0, T0.plusSeconds(600), T0);
        cache.put(3, "live", T0, T0.plusSeconds(600), T0);
        cache.put(4, "new", T0, T0.plusSeconds(600), T0.plusSeconds(10));
        assertEquals(3, cache.size());
        assertNull(cache.get(1, T0));
        assertEquals("live", cache.get(2, T0.plusSeconds(10)));
        assertEquals("live", cache.get(3, T0.plusSeconds(10)));
        assertEquals("new", cache.get(4, T0.plusSeconds(10)));
    }

    @Test
    void itNeverHoldsMoreThanItsBound() {
        ValidityBoundCache<Integer, Integer> cache = new ValidityBoundCache<>(8);
        for (int i = 0; i < 100; i++) {
            cache.put(i, i, Instant.MIN, Instant.MAX, T0);
            assertEquals(Math.min(i + 1, 8), cache.size());
        }
    }
}
