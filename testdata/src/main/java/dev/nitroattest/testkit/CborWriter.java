package dev.nitroattest.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A CBOR writer that writes exactly what it is told, item by item, in the order told: it counts nothing and checks
 * nothing, so it can write malformed CBOR as easily as well-formed. Arguments take their shortest form except in
 * {@link #uint64}. Not thread-safe.
 */
public final class CborWriter {
    private static final int UNSIGNED = 0;
    private static final int NEGATIVE = 1 << 5;
    private static final int BYTES = 2 << 5;
    private static final int TEXT = 3 << 5;
    private static final int ARRAY = 4 << 5;
    private static final int MAP = 5 << 5;
    private static final int TAG = 6 << 5;
    private static final int INDEFINITE = 31;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** The header of a map of n pairs; the pairs follow. */
    public CborWriter startMap(int n) {
        return header(MAP, requireNonNegative(n));
    }

    /** {@code bf}: a map of pairs up to {@link #breakIndefinite()}. */
    public CborWriter startIndefiniteMap() {
        out.write(MAP | INDEFINITE);
        return this;
    }

    /** The header of an array of n items; the items follow. */
    public CborWriter startArray(int n) {
        return header(ARRAY, requireNonNegative(n));
    }

    /** {@code 9f}: an array of items up to {@link #breakIndefinite()}. */
    public CborWriter startIndefiniteArray() {
        out.write(ARRAY | INDEFINITE);
        return this;
    }

    /** {@code ff}, the break that ends an indefinite-length item. */
    public CborWriter breakIndefinite() {
        out.write(0xff);
        return this;
    }

    /** A text string, UTF-8. */
    public CborWriter text(String value) {
        return withContent(TEXT, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A byte string. */
    public CborWriter bytes(byte[] value) {
        return withContent(BYTES, value);
    }

    /** An unsigned integer, value >= 0, in its shortest form. */
    public CborWriter uint(long value) {
        return header(UNSIGNED, requireNonNegative(value));
    }

    /**
     * An unsigned integer always in the 8-byte form {@code 1b} + 8 bytes, as the NSM writes timestamps. The long's
     * 64 bits are read as unsigned, so -1 writes the largest value, 2^64 - 1.
     */
    public CborWriter uint64(long value) {
        out.write(UNSIGNED | 27);
        writeBigEndian(value, 8);
        return this;
    }

    /** A negative integer, {@code value < 0} (for instance -35, written {@code 38 22}), in its shortest form. */
    public CborWriter negative(long value) {
        if (value >= 0) {
            throw new IllegalArgumentException("not negative: " + value);
        }
        return header(NEGATIVE, -1 - value);
    }

    /** {@code f6}, null. */
    public CborWriter nul() {
        out.write(0xf6);
        return this;
    }

    /** {@code f5} or {@code f4}. */
    public CborWriter bool(boolean value) {
        out.write(value ? 0xf5 : 0xf4);
        return this;
    }

    /** A tag header; the tagged item follows. */
    public CborWriter tag(long tag) {
        return header(TAG, requireNonNegative(tag));
    }

    /** Bytes written as they are: a pre-encoded item, or anything at all. */
    public CborWriter raw(byte[] encoded) {
        out.writeBytes(encoded);
        return this;
    }

    /** Bytes written as they are, given in hex: hand-assembled CBOR in tests reads best as hex. */
    public CborWriter rawHex(String hex) {
        return raw(HexFormat.of().parseHex(hex));
    }

    /** Everything written so far. */
    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Everything written so far, in lower-case hex. */
    public String toHex() {
        return HexFormat.of().formatHex(out.toByteArray());
    }

    private CborWriter withContent(int majorType, byte[] content) {
        header(majorType, content.length);
        out.writeBytes(content);
        return this;
    }

    private CborWriter header(int majorType, long argument) {
        if (argument < 24) {
            out.write(majorType | (int) argument);
        } else if (argument <= 0xff) {
            out.write(majorType | 24);
            writeBigEndian(argument, 1);
        } else if (argument <= 0xffff) {
            out.write(majorType | 25);
            writeBigEndian(argument, 2);
        } else if (argument <= 0xffff_ffffL) {
            out.write(majorType | 26);
            writeBigEndian(argument, 4);
        } else {
            out.write(majorType | 27);
            writeBigEndian(argument, 8);
        }
        return this;
    }

    private void writeBigEndian(long value, int length) {
        for (int shift = (length - 1) * 8; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift) & 0xff);
        }
    }

    private static long requireNonNegative(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        return value;
    }
}
