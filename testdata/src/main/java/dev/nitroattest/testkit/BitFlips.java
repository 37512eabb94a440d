package dev.nitroattest.testkit;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Every single-bit change of a document, made one at a time as they are iterated: a 4.5 KB document gives about
 * 36,000 copies without holding more than one.
 */
public final class BitFlips {
    private BitFlips() {}

    /** The 8 × length copies of document, each with one bit flipped, in order of bit index. */
    public static Iterable<BitFlip> of(byte[] document) {
        if (document.length > Integer.MAX_VALUE / 8) {
            throw new IllegalArgumentException("too large to index every bit with an int: " + document.length);
        }
        byte[] original = document.clone();
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < original.length * 8;
            }

            @Override
            public BitFlip next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int bitIndex = next++;
                byte[] flipped = original.clone();
                flipped[bitIndex / 8] ^= (byte) (0x80 >>> (bitIndex % 8));
                return new BitFlip(bitIndex, flipped);
            }
        };
    }
}
