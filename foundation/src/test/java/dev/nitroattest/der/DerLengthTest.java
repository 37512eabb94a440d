package dev.nitroattest.der;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * X.690 8.1.3 and 10.1: the length octets DerReader reads, at each boundary of the short and long forms, and each
 * refusal in its own words (a refusal that names the wrong fault sends the reader of the message the wrong way).
 */
@DisplayName("DerReader: the length octets (X.690 8.1.3, 10.1)")
class DerLengthTest {
    @ParameterizedTest(name = "{0} content bytes")
    @ValueSource(ints = {0, 1, 127, 128, 255, 256, 65535, 65536})
    @DisplayName("each length is read in its minimal form: short to 127, then one, two or three length octets")
    void minimalLengthsReadBack(int length) throws DerException {
        byte[] element = octetString(length);
        DerReader.Element read = DerReader.of(element).next();
        assertEquals(length, read.length());
        assertEquals(element.length, read.end());
        assertEquals(element.length - length, read.contentStart());
        assertEquals(read, StrictDer.check(element));
    }

    @Test
    @DisplayName("four length octets, the most the reader takes, are read (a 16 MiB OCTET STRING)")
    void fourLengthOctets() throws DerException {
        byte[] element = octetString(1 << 24);
        assertEquals(6, element.length - (1 << 24));
        assertEquals(1 << 24, DerReader.of(element).next().length());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "04 81 05",
        "04 82 0080",
        "04 82 00ff",
        "04 83 000100",
        "04 83 00ffff",
        "04 84 00010000",
        "04 84 00000080"})
    @DisplayName("a length in more octets than it needs (a short length long, a leading zero octet) is BER, not DER")
    void nonMinimalLengths(String head) {
        byte[] bytes = withContent(head);
        DerException e = assertThrows(DerException.class, () -> DerReader.of(bytes).next(), head);
        assertEquals(DerException.Kind.NOT_DER, e.kind(), head);
        assertEquals("a length in more bytes than it needs, which DER forbids", e.getMessage());
    }

    @Test
    @DisplayName("an indefinite length (0x80) is named as such, not as a long length")
    void indefiniteLength() {
        DerException e = assertThrows(DerException.class, () -> DerReader.of(hex("30 80 0500 0000")).next());
        assertEquals(DerException.Kind.NOT_DER, e.kind());
        assertEquals("an indefinite length, which DER forbids", e.getMessage());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "04 85 0100000000         | a length of 5 bytes",
        "04 84 01000000 00        | an element of 16777216 bytes runs past its parent's 1",
        "04 84 7fffffff           | an element of 2147483647 bytes runs past its parent's 0",
        "04 84 ffffffff           | an element of 4294967295 bytes runs past its parent's 0",
        "04 81 80                 | an element of 128 bytes runs past its parent's 0",
        "04 82 0100 00            | an element of 256 bytes runs past its parent's 1",
        "04 82 01                 | an element ends inside its length",
        "04 83 0100               | an element ends inside its length",
        "04 81                    | an element ends inside its length",
        "04                       | an element ends before its length",
        "04 05 000000             | an element of 5 bytes runs past its parent's 3",
        "9f 00                    | a multi-byte tag",
        "1f 01 00                 | a multi-byte tag"})
    @DisplayName("a length past the input, past an int, in five octets, cut short, or after a multi-byte tag")
    void malformedHeads(String head, String message) {
        DerException e = assertThrows(DerException.class, () -> DerReader.of(hex(head)).next(), head);
        assertEquals(DerException.Kind.MALFORMED, e.kind(), head);
        assertEquals(message, e.getMessage());
    }

    @Test
    @DisplayName("a child whose length runs past its parent is refused, though bytes after the parent would hold it")
    void lengthBoundedByParent() throws DerException {
        byte[] bytes = hex("3003 0405 00 0000000000");
        DerReader outer = DerReader.of(bytes);
        DerReader children = DerReader.contentOf(bytes, outer.next());
        DerException e = assertThrows(DerException.class, children::next);
        assertEquals("an element of 5 bytes runs past its parent's 1", e.getMessage());
        byte[] longForm = hex("3003 048201 0000");
        DerReader longChildren = DerReader.contentOf(longForm, DerReader.of(longForm).next());
        assertEquals("an element ends inside its length",
                assertThrows(DerException.class, longChildren::next).getMessage());
    }

    /** An OCTET STRING of {@code length} zero bytes, its length in DER's minimal form. */
    static byte[] octetString(int length) {
        int octets = length < 0x80 ? 0 : length < 0x100 ? 1 : length < 0x10000 ? 2 : length < 0x1000000 ? 3 : 4;
        byte[] element = new byte[2 + octets + length];
        element[0] = DerReader.OCTET_STRING;
        element[1] = (byte) (octets == 0 ? length : 0x80 | octets);
        for (int i = 0; i < octets; i++) {
            element[2 + i] = (byte) (length >>> 8 * (octets - 1 - i));
        }
        return element;
    }

    /** The head, then as many zero bytes of content as its (long-form) length says. */
    private static byte[] withContent(String head) {
        byte[] headBytes = hex(head);
        long length = 0;
        for (int i = 2; i < headBytes.length; i++) {
            length = length << 8 | headBytes[i] & 0xff;
        }
        byte[] bytes = new byte[headBytes.length + (int) length];
        System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
        return bytes;
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }
}
