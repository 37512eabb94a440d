package dev.nitroattest.tls.internal;

import java.util.Arrays;

/**
 * Reads the DER elements of one span of bytes in order, strictly: one-byte tags only (X.509 needs no other), definite
 * minimal lengths, no element running past its parent. Every fault is a {@link DerException}; nothing here allocates
 * more than the element it returns, so any input ends in an element or that exception.
 */
public final class DerReader {
    /** The universal tags this package reads. */
    public static final int BOOLEAN = 0x01;
    /** INTEGER. */
    public static final int INTEGER = 0x02;
    /** OCTET STRING. */
    public static final int OCTET_STRING = 0x04;
    /** OBJECT IDENTIFIER. */
    public static final int OBJECT_IDENTIFIER = 0x06;
    /** SEQUENCE (constructed). */
    public static final int SEQUENCE = 0x30;

    private final byte[] bytes;
    private final int end;
    private int position;

    private DerReader(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.position = start;
        this.end = end;
    }

    /** A reader of all of {@code bytes}. */
    public static DerReader of(byte[] bytes) {
        return new DerReader(bytes, 0, bytes.length);
    }

    /** A reader of an element's content. */
    public static DerReader contentOf(byte[] bytes, Element element) {
        return new DerReader(bytes, element.contentStart(), element.end());
    }

    /** Whether every byte has been read. */
    public boolean atEnd() {
        return position == end;
    }

    /** The tag of the next element, without reading it. */
    public int peekTag() throws DerException {
        if (position >= end) {
            throw new DerException("an element is missing at the end of its parent");
        }
        return bytes[position] & 0xff;
    }

    /** The next element, which must have this tag. */
    public Element read(int tag, String what) throws DerException {
        Element element = next();
        if (element.tag() != tag) {
            throw new DerException(what + " has tag 0x" + Integer.toHexString(element.tag()) + ", not 0x"
                    + Integer.toHexString(tag));
        }
        return element;
    }

    /** The next element, whatever its tag. */
    public Element next() throws DerException {
        int start = position;
        int tag = peekTag();
        if ((tag & 0x1f) == 0x1f) {
            throw new DerException("a multi-byte tag");
        }
        int at = start + 1;
        if (at >= end) {
            throw new DerException("an element ends before its length");
        }
        int first = bytes[at++] & 0xff;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int count = first & 0x7f;
            if (count == 0) {
                throw new DerException("an indefinite length, which DER forbids");
            }
            if (count > 4) {
                throw new DerException("a length of " + count + " bytes");
            }
            if (at + count > end) {
                throw new DerException("an element ends inside its length");
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (bytes[at++] & 0xff);
            }
            if (length < 0x80 || (count > 1 && length >> (8 * (count - 1)) == 0)) {
                throw new DerException("a length in more bytes than it needs, which DER forbids");
            }
        }
        if (length > end - at) {
            throw new DerException("an element of " + length + " bytes runs past its parent's " + (end - at));
        }
        position = at + (int) length;
        return new Element(tag, start, at, position);
    }

    /**
     * One element's place in the bytes.
     *
     * @param tag its one-byte tag
     * @param start where its tag is
     * @param contentStart where its content starts
     * @param end where it ends (exclusive)
     */
    public record Element(int tag, int start, int contentStart, int end) {
        /** The element's encoding, tag and length included. */
        public byte[] encoding(byte[] bytes) {
            return Arrays.copyOfRange(bytes, start, end);
        }

        /** The element's content. */
        public byte[] content(byte[] bytes) {
            return Arrays.copyOfRange(bytes, contentStart, end);
        }

        /** The content's length. */
        public int length() {
            return end - contentStart;
        }
    }
}
