package dev.nitroattest.cbor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes CBOR items with definite lengths and shortest-form heads unless told otherwise. */
public final class CborEncoder {
    private static final int UNSIGNED = 0;
    private static final int BYTE_STRING = 2;
    private static final int TEXT_STRING = 3;
    private static final int ARRAY = 4;
    private static final int MAP = 5;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    /** The head of a map of {@code entries} key-value pairs, which follow. */
    public CborEncoder map(int entries) {
        return head(MAP, entries);
    }

    /** The head of an array of {@code items} items, which follow. */
    public CborEncoder array(int items) {
        return head(ARRAY, items);
    }

    /** The head of an indefinite-length map; {@link #end()} closes it. */
    public CborEncoder indefiniteMap() {
        out.write(0xbf);
        return this;
    }

    /** The head of an indefinite-length array; {@link #end()} closes it. */
    public CborEncoder indefiniteArray() {
        out.write(0x9f);
        return this;
    }

    /** Ends an indefinite-length map or array. */
    public CborEncoder end() {
        out.write(0xff);
        return this;
    }

    /** A text string, UTF-8. */
    public CborEncoder text(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        head(TEXT_STRING, utf8.length);
        out.writeBytes(utf8);
        return this;
    }

    /** A byte string. */
    public CborEncoder bytes(byte[] value) {
        head(BYTE_STRING, value.length);
        out.writeBytes(value);
        return this;
    }

    /** A byte string, or null when the value is null. */
    public CborEncoder bytesOrNull(byte[] value) {
        return value == null ? nul() : bytes(value);
    }

    /** An unsigned integer in its shortest form. */
    public CborEncoder uint(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("not an unsigned value: " + value);
        }
        return head(UNSIGNED, value);
    }

    /** An unsigned integer always written with an 8-byte argument ({@code 1b}), as the NSM writes timestamps. */
    public CborEncoder uint64(long value) {
        out.write(0x1b);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    /** A boolean. */
    public CborEncoder bool(boolean value) {
        out.write(value ? 0xf5 : 0xf4);
        return this;
    }

    /** Null. */
    public CborEncoder nul() {
        out.write(0xf6);
        return this;
    }

    /** Appends bytes that are already CBOR. */
    public CborEncoder raw(byte[] encoded) {
        out.writeBytes(encoded);
        return this;
    }

    /** Everything written so far. */
    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private CborEncoder head(int majorType, long argument) {
        int major = majorType << 5;
        if (argument < 24) {
            out.write(major | (int) argument);
        } else if (argument <= 0xff) {
            out.write(major | 24);
            out.write((int) argument);
        } else if (argument <= 0xffff) {
            out.write(major | 25);
            writeBigEndian(argument, 2);
        } else if (argument <= 0xffffffffL) {
            out.write(major | 26);
            writeBigEndian(argument, 4);
        } else {
            out.write(major | 27);
            writeBigEndian(argument, 8);
        }
        return this;
    }

    private void writeBigEndian(long value, int length) {
        for (int shift = 8 * (length - 1); shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
    }
}
