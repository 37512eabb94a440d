package dev.nitroattest.der;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Reads the DER elements of one span of bytes in order, strictly: one-byte tags only (X.509 needs no other), definite
 * minimal lengths, no element running past its parent. The typed reads ({@link #readInteger}, {@link #readBoolean},
 * {@link #readObjectIdentifier}, {@link #readBitString}) also check their content's DER rules; {@link StrictDer}
 * checks a whole tree at once. Every fault is a {@link DerException}; nothing here allocates more than the element it
 * returns, so any input ends in an element or that exception.
 */
public final class DerReader {
    /** BOOLEAN. */
    public static final int BOOLEAN = 0x01;
    /** INTEGER. */
    public static final int INTEGER = 0x02;
    /** BIT STRING. */
    public static final int BIT_STRING = 0x03;
    /** OCTET STRING. */
    public static final int OCTET_STRING = 0x04;
    /** NULL. */
    public static final int NULL = 0x05;
    /** OBJECT IDENTIFIER. */
    public static final int OBJECT_IDENTIFIER = 0x06;
    /** UTCTime. */
    public static final int UTC_TIME = 0x17;
    /** GeneralizedTime. */
    public static final int GENERALIZED_TIME = 0x18;
    /** SEQUENCE and SEQUENCE OF (constructed). */
    public static final int SEQUENCE = 0x30;
    /** SET and SET OF (constructed). */
    public static final int SET = 0x31;
    /** The bit of a tag that marks a constructed encoding. */
    public static final int CONSTRUCTED = 0x20;
    /** The class bits of a context-specific tag, as in {@code [0]}. */
    public static final int CONTEXT_SPECIFIC = 0x80;

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

    /** The tag of an explicitly or implicitly tagged, constructed context-specific field {@code [number]}. */
    public static int contextConstructed(int number) {
        return CONTEXT_SPECIFIC | CONSTRUCTED | number;
    }

    /** Whether every byte has been read. */
    public boolean atEnd() {
        return position == end;
    }

    /**
     * Checks that every byte has been read.
     *
     * @param what what the bytes would follow, as a phrase: "the certificate"
     */
    public void requireEnd(String what) throws DerException {
        if (position != end) {
            throw new DerException("bytes follow " + what);
        }
    }

    /** The tag of the next element, without reading it. */
    public int peekTag() throws DerException {
        if (position >= end) {
            throw new DerException("an element is missing at the end of its parent");
        }
        return bytes[position] & 0xff;
    }

    /** Whether another element follows and has this tag. */
    public boolean nextHasTag(int tag) {
        return position < end && (bytes[position] & 0xff) == tag;
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

    /** The next element if it has this tag (an OPTIONAL or DEFAULT field), else null and nothing is read. */
    public Element readOptional(int tag) throws DerException {
        return nextHasTag(tag) ? next() : null;
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
                throw DerException.notDer("an indefinite length, which DER forbids");
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
                throw DerException.notDer("a length in more bytes than it needs, which DER forbids");
            }
        }
        if (length > end - at) {
            throw new DerException("an element of " + length + " bytes runs past its parent's " + (end - at));
        }
        position = at + (int) length;
        return new Element(tag, start, at, position);
    }

    /** The next element, an INTEGER in its minimal form, as a number. */
    public BigInteger readInteger(String what) throws DerException {
        Element element = read(INTEGER, what);
        DerContent.checkInteger(bytes, element, what);
        return new BigInteger(bytes, element.contentStart(), element.length());
    }

    /** The next element, a BOOLEAN, which DER writes as 00 or FF. */
    public boolean readBoolean(String what) throws DerException {
        Element element = read(BOOLEAN, what);
        DerContent.checkBoolean(bytes, element, what);
        return bytes[element.contentStart()] != 0;
    }

    /** The next element, an OBJECT IDENTIFIER with minimal arcs. */
    public ObjectIdentifier readObjectIdentifier(String what) throws DerException {
        Element element = read(OBJECT_IDENTIFIER, what);
        return ObjectIdentifier.fromContent(element.content(bytes), what);
    }

    /** The next element, a BIT STRING in DER: a count of unused bits from 0 to 7, and those bits zero. */
    public BitString readBitString(String what) throws DerException {
        return readBitString(BIT_STRING, what);
    }

    /** The next element, a BIT STRING in DER under this (implicit) tag, such as {@code [1]} for issuerUniqueID. */
    public BitString readBitString(int tag, String what) throws DerException {
        Element element = read(tag, what);
        DerContent.checkBitString(bytes, element, what);
        return new BitString(bytes[element.contentStart()],
                Arrays.copyOfRange(bytes, element.contentStart() + 1, element.end()));
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

        /** Whether the encoding is constructed: its content is a series of elements. */
        public boolean isConstructed() {
            return (tag & CONSTRUCTED) != 0;
        }

        /** Whether the two elements' encodings, each in its own bytes, are the same bytes. */
        public boolean sameEncoding(byte[] bytes, Element other, byte[] otherBytes) {
            return Arrays.equals(bytes, start, end, otherBytes, other.start, other.end);
        }
    }

    /**
     * A BIT STRING's value.
     *
     * @param unusedBits how many bits of the last byte are not part of the string (0 to 7)
     * @param bytes the bytes, those unused bits zero; owned by this value
     */
    public record BitString(int unusedBits, byte[] bytes) {
    }
}
