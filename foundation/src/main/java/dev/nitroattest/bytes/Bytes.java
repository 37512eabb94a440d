package dev.nitroattest.bytes;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable byte string. Arrays go in and come out as copies, so a {@code Bytes} taken from a verified
 * result can be handed around without anyone changing what was verified.
 */
public final class Bytes {
    private static final HexFormat HEX = HexFormat.of();
    private static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] value;

    private Bytes(byte[] value) {
        this.value = value;
    }

    /** A copy of {@code bytes}. */
    public static Bytes of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /**
     * Decodes hexadecimal, upper or lower case, with no separators.
     *
     * @throws IllegalArgumentException if {@code hex} is not an even number of hexadecimal digits
     */
    public static Bytes fromHex(String hex) {
        Objects.requireNonNull(hex, "hex");
        return wrap(HEX.parseHex(hex));
    }

    /** Takes ownership of {@code bytes} without copying: only for arrays nobody else holds. */
    private static Bytes wrap(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes);
    }

    /**
     * The number of bytes.
     *
     * @return the length
     */
    public int length() {
        return value.length;
    }

    /**
     * Whether there are no bytes.
     *
     * @return true for zero bytes
     */
    public boolean isEmpty() {
        return value.length == 0;
    }

    /** A fresh copy of the bytes. */
    public byte[] toByteArray() {
        return value.clone();
    }

    /** Lower-case hexadecimal. */
    public String toHex() {
        return HEX.formatHex(value);
    }

    /** Whether the content equals {@code other}, in time that depends only on the lengths. */
    public boolean constantTimeEquals(byte[] other) {
        return MessageDigest.isEqual(value, other);
    }

    /** Whether the content equals {@code other}, in time that depends only on the lengths. */
    public boolean constantTimeEquals(Bytes other) {
        return MessageDigest.isEqual(value, other.value);
    }

    /** Whether every byte is zero (true for an empty value). */
    public boolean isAllZero() {
        int accumulated = 0;
        for (byte b : value) {
            accumulated |= b;
        }
        return accumulated == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes that && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    /** Hexadecimal, so that logs and assertion messages show the content. */
    @Override
    public String toString() {
        return toHex();
    }
}
