package dev.nitroattest.der;

import static dev.nitroattest.der.DerLengthTest.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A reader stays inside its parent: peeking and optional reads see nothing past the parent's end, even where the bytes
 * beyond it would match; elements give their encoding and content, and compare encodings across arrays.
 */
@DisplayName("DerReader: elements, tags and the parent's end")
class DerElementTest {
    @Test
    @DisplayName("at the parent's end no tag is next, even when the byte after the parent has it")
    void nothingFollowsTheParentsEnd() throws DerException {
        byte[] bytes = hex("3000 0500");
        DerReader empty = DerReader.contentOf(bytes, DerReader.of(bytes).next());
        assertFalse(empty.nextHasTag(DerReader.NULL));
        assertNull(empty.readOptional(DerReader.NULL));
        assertTrue(empty.atEnd());
        DerReader whole = DerReader.of(hex("0500"));
        assertTrue(whole.nextHasTag(DerReader.NULL));
        assertFalse(whole.nextHasTag(DerReader.INTEGER));
        whole.next();
        assertFalse(whole.nextHasTag(DerReader.NULL));
        assertEquals("an element is missing at the end of its parent",
                assertThrows(DerException.class, whole::peekTag).getMessage());
    }

    @Test
    @DisplayName("read refuses an element of another tag, naming both tags")
    void readChecksTheTag() throws DerException {
        DerException e = assertThrows(DerException.class, () -> DerReader.of(hex("0500")).read(DerReader.INTEGER,
                "the serial number"));
        assertEquals("the serial number has tag 0x5, not 0x2", e.getMessage());
        assertEquals(DerException.Kind.MALFORMED, e.kind());
        assertEquals(new DerReader.Element(DerReader.NULL, 0, 2, 2),
                DerReader.of(hex("0500")).read(DerReader.NULL, "a NULL"));
    }

    @Test
    @DisplayName("an element's encoding is its tag, length and content; its content is the content alone")
    void encodingAndContent() throws DerException {
        byte[] bytes = hex("3007 0201 05 0402 abcd");
        DerReader children = DerReader.contentOf(bytes, DerReader.of(bytes).next());
        children.next();
        DerReader.Element octets = children.next();
        assertArrayEquals(hex("0402abcd"), octets.encoding(bytes));
        assertArrayEquals(hex("abcd"), octets.content(bytes));
        assertFalse(octets.isConstructed());
        assertArrayEquals(bytes, DerReader.of(bytes).next().encoding(bytes));
    }

    @Test
    @DisplayName("the same encoding is found at different places in different arrays; one byte or length apart is not")
    void sameEncodingAcrossArrays() throws DerException {
        byte[] first = hex("3006 0201 05 0201 06");
        byte[] second = hex("0201 06");
        DerReader children = DerReader.contentOf(first, DerReader.of(first).next());
        DerReader.Element five = children.next();
        DerReader.Element six = children.next();
        DerReader.Element alone = DerReader.of(second).next();
        assertTrue(six.sameEncoding(first, alone, second));
        assertTrue(alone.sameEncoding(second, six, first));
        assertFalse(five.sameEncoding(first, alone, second));
        byte[] longer = hex("0202 0600");
        assertFalse(alone.sameEncoding(second, DerReader.of(longer).next(), longer));
    }
}
