package dev.nitroattest.attestation.internal.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A chain cache hit skips chain validation, so its key must compare every certificate byte for byte: two chains
 * whose keys hash alike are still two chains. The keys here collide on purpose.
 */
@DisplayName("Chain cache keys: a hash collision is no hit")
class ChainCacheKeyTest {
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2027-01-01T00:00:00Z");
    private static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");
    private static final ValidatedChain CHAIN = new ValidatedChain(List.of(), null, FROM, UNTIL);
    /** Arrays.hashCode({0, 31}) == Arrays.hashCode({1, 0}) == 992. */
    private static final byte[] LEAF = {0, 31};
    private static final byte[] COLLIDING_LEAF = {1, 0};

    @Test
    @DisplayName("the same bytes in fresh arrays are a hit")
    void sameBytesHit() {
        ChainCache cache = cacheHolding(LEAF, List.of(new byte[] {5}, new byte[] {6}));
        assertSame(CHAIN, cache.get(LEAF.clone(), List.of(new byte[] {5}, new byte[] {6}), AT));
    }

    @Test
    @DisplayName("another leaf with the same hash is no hit")
    void collidingLeafMisses() {
        assertEquals(Arrays.hashCode(LEAF), Arrays.hashCode(COLLIDING_LEAF));
        ChainCache cache = cacheHolding(LEAF, List.of(new byte[] {5}));
        assertNull(cache.get(COLLIDING_LEAF, List.of(new byte[] {5}), AT));
    }

    @Test
    @DisplayName("another bundle certificate of the same count is no hit, wherever it stands")
    void differentBundleEntryMisses() {
        ChainCache cache = cacheHolding(LEAF, List.of(new byte[] {5}, new byte[] {6}));
        assertNull(cache.get(LEAF, List.of(new byte[] {5}, new byte[] {7}), AT));
        assertNull(cache.get(LEAF, List.of(new byte[] {4}, new byte[] {6}), AT));
    }

    @Test
    @DisplayName("a longer bundle whose key hashes alike is no hit, even when it starts with the cached one")
    void longerBundleWithCollidingHashMisses() {
        byte[] leaf = {7, 7, 7};
        byte[] colliding = leafHashing(Arrays.hashCode(leaf) - inverseOf31());
        // hash(colliding) * 31 + 2 == hash(leaf) * 31 + 1: the two keys' hashes are equal.
        assertEquals(Arrays.hashCode(leaf) * 31 + 1, Arrays.hashCode(colliding) * 31 + 2);
        ChainCache cache = cacheHolding(colliding, List.of(new byte[] {5}, new byte[] {6}));
        assertNull(cache.get(leaf, List.of(new byte[] {5}), AT));
        ChainCache reverse = cacheHolding(leaf, List.of(new byte[] {5}));
        assertNull(reverse.get(colliding, List.of(new byte[] {5}, new byte[] {6}), AT));
        assertNotNull(reverse.get(leaf, List.of(new byte[] {5}), AT));
    }

    private static ChainCache cacheHolding(byte[] leaf, List<byte[]> cabundle) {
        ChainCache cache = new ChainCache(8);
        cache.put(leaf, cabundle, CHAIN, AT);
        return cache;
    }

    /** The inverse of 31 modulo 2^32, by Newton's iteration. */
    private static int inverseOf31() {
        int inverse = 31;
        for (int i = 0; i < 5; i++) {
            inverse *= 2 - 31 * inverse;
        }
        return inverse;
    }

    /**
     * Eight bytes whose Arrays.hashCode is {@code target}: the hash is 31^8 plus the bytes as base-31 digits, so the
     * remainder is written in balanced base 31 (digits -15 to 15), which eight digits cover for any int.
     */
    private static byte[] leafHashing(int target) {
        int length = 8;
        int base = 1;
        for (int i = 0; i < length; i++) {
            base *= 31;
        }
        long remainder = Integer.toUnsignedLong(target - base);
        byte[] bytes = new byte[length];
        for (int i = length - 1; i >= 0; i--) {
            long digit = Math.floorMod(remainder, 31);
            if (digit > 15) {
                digit -= 31;
            }
            bytes[i] = (byte) digit;
            remainder = (remainder - digit) / 31;
        }
        if (Arrays.hashCode(bytes) != target) {
            throw new AssertionError("no eight bytes found for the hash " + target);
        }
        return bytes;
    }
}
