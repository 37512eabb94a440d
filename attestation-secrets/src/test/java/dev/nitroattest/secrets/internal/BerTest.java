package dev.nitroattest.secrets.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The BER cursor's checks at their boundaries: the shortest-form rule at 128 and 256 bytes, the bytes that remain,
 * the end-of-contents octets, the look-ahead at the next tag, and the writer's switch between length forms.
 */
@DisplayName("BER cursor and writer: every length check at its boundary")
class BerTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    @DisplayName("a length of 128 in one long-form octet (81 80) is the shortest form and is read")
    void lengthOf128IsShortestInOneOctet() throws EnvelopeFault {
        assertEquals(0x80, new Ber(element(0x04, "8180", 0x80)).open(0x04, false, "the content"));
        EnvelopeFault longer = assertThrows(EnvelopeFault.class,
                () -> new Ber(element(0x04, "817f", 0x7f)).open(0x04, false, "the content"));
        assertEquals(EnvelopeFault.Kind.MALFORMED, longer.kind());
        assertEquals("The length of the content is not in its shortest form.", longer.getMessage());
    }

    @Test
    @DisplayName("a length of 256 in two long-form octets (82 01 00) is the shortest form and is read")
    void lengthOf256IsShortestInTwoOctets() throws EnvelopeFault {
        assertEquals(0x100, new Ber(element(0x04, "820100", 0x100)).open(0x04, false, "the content"));
        EnvelopeFault longer = assertThrows(EnvelopeFault.class,
                () -> new Ber(element(0x04, "8200ff", 0xff)).open(0x04, false, "the content"));
        assertEquals("The length of the content is not in its shortest form.", longer.getMessage());
    }

    @Test
    @DisplayName("three length octets (83 01 00 00) are read; four are not a length this envelope can have")
    void threeLengthOctetsAreTheMost() throws EnvelopeFault {
        assertEquals(0x10000, new Ber(element(0x04, "83010000", 0x10000)).open(0x04, false, "the content"));
        EnvelopeFault four = assertThrows(EnvelopeFault.class,
                () -> new Ber(element(0x04, "8400010000", 0x10000)).open(0x04, false, "the content"));
        assertEquals("The length of the content is not one this envelope can have.", four.getMessage());
    }

    @Test
    @DisplayName("length octets that end the input are read (the content is then missing); cut short, they are not")
    void lengthOctetsUpToTheEndOfTheInput() {
        EnvelopeFault noContent = assertThrows(EnvelopeFault.class,
                () -> new Ber(HEX.parseHex("04820100")).open(0x04, false, "the content"));
        assertEquals("the content declares 256 bytes but only 0 remain.", noContent.getMessage());
        EnvelopeFault cut = assertThrows(EnvelopeFault.class,
                () -> new Ber(HEX.parseHex("048201")).open(0x04, false, "the content"));
        assertEquals("The length of the content is not one this envelope can have.", cut.getMessage());
    }

    @Test
    @DisplayName("a length beyond the input is refused with the number of bytes that remain")
    void declaredLengthBeyondTheInput() {
        byte[] short2 = HEX.parseHex("0405" + "0102");
        EnvelopeFault fault = assertThrows(EnvelopeFault.class, () -> new Ber(short2).open(0x04, false, "the key"));
        assertEquals("the key declares 5 bytes but only 2 remain.", fault.getMessage());
    }

    @Test
    @DisplayName("raw bytes are read up to exactly the end of the input, and one more is refused")
    void rawReadsExactlyWhatRemains() throws EnvelopeFault {
        Ber exact = new Ber(HEX.parseHex("0102030405"));
        exact.raw(1, "the first byte");
        assertArrayEquals(HEX.parseHex("02030405"), exact.raw(4, "the IV"));
        exact.end();
        Ber shorter = new Ber(HEX.parseHex("0102030405"));
        shorter.raw(1, "the first byte");
        EnvelopeFault fault = assertThrows(EnvelopeFault.class, () -> shorter.raw(5, "the IV"));
        assertEquals("The envelope ends inside the IV.", fault.getMessage());
        assertEquals(1, shorter.position(), "nothing is consumed");
    }

    @Test
    @DisplayName("an indefinite length is read where allowed and refused by name where a definite one is required")
    void indefiniteLengthOnlyWhereAllowed() throws EnvelopeFault {
        assertEquals(Ber.INDEFINITE, new Ber(HEX.parseHex("30800000")).open(0x30, true, "the ContentInfo"));
        EnvelopeFault fault = assertThrows(EnvelopeFault.class,
                () -> new Ber(HEX.parseHex("30800000")).open(0x30, false, "the recipient"));
        assertEquals(EnvelopeFault.Kind.MALFORMED, fault.kind());
        assertEquals("the recipient has an indefinite length, which KMS does not write there.", fault.getMessage());
    }

    @Test
    @DisplayName("a fixed element is matched up to exactly the end of the input, and one byte short is refused")
    void expectMatchesExactlyWhatRemains() throws EnvelopeFault {
        Ber exact = new Ber(HEX.parseHex("01020304"));
        exact.raw(1, "the first byte");
        exact.expect(HEX.parseHex("020304"), "The algorithm");
        exact.end();
        Ber shorter = new Ber(HEX.parseHex("010203"));
        shorter.raw(1, "the first byte");
        EnvelopeFault fault = assertThrows(EnvelopeFault.class,
                () -> shorter.expect(HEX.parseHex("020304"), "The algorithm"));
        assertEquals(EnvelopeFault.Kind.MALFORMED, fault.kind());
        assertEquals("The envelope ends inside the algorithm.", fault.getMessage());
    }

    @Test
    @DisplayName("end-of-contents must be the two octets 00 00; any other two bytes are refused")
    void endOfContentsIsTwoZeroOctets() throws EnvelopeFault {
        Ber closed = new Ber(HEX.parseHex("0000"));
        closed.endOfContents("The ContentInfo");
        closed.end();
        for (String other : new String[] {"0001", "0100", "0404"}) {
            Ber in = new Ber(HEX.parseHex(other));
            EnvelopeFault fault = assertThrows(EnvelopeFault.class, () -> in.endOfContents("The ContentInfo"), other);
            assertEquals("The ContentInfo is not closed where it should end (offset 0).", fault.getMessage());
        }
    }

    @Test
    @DisplayName("what follows the envelope is refused, counted in bytes")
    void trailingBytesAreCounted() {
        Ber in = new Ber(HEX.parseHex("0400" + "abcdef"));
        EnvelopeFault fault = assertThrows(EnvelopeFault.class, () -> {
            in.read(0x04, "the content");
            in.end();
        });
        assertEquals("3 bytes follow the envelope.", fault.getMessage());
    }

    @Test
    @DisplayName("nextIs sees the next tag exactly, and nothing at the end of the input")
    void nextIsLooksAtTheNextTag() throws EnvelopeFault {
        Ber in = new Ber(HEX.parseHex("a100" + "a2"));
        assertTrue(in.nextIs(0xa1));
        assertFalse(in.nextIs(0xa0));
        assertFalse(in.nextIs(0xa3));
        in.read(0xa1, "the attributes");
        assertTrue(in.nextIs(0xa2));
        in.raw(1, "the last byte");
        assertFalse(in.nextIs(0xa2), "at the end of the input");
        assertFalse(in.nextIs(0x00), "at the end of the input");
    }

    @Test
    @DisplayName("the writer uses the shortest length form at every boundary, up to three length octets")
    void writerUsesTheShortestForm() throws EnvelopeFault {
        assertHead("047f", 0x7f);
        assertHead("048180", 0x80);
        assertHead("0481ff", 0xff);
        assertHead("04820100", 0x100);
        assertHead("0482ffff", 0xffff);
        assertHead("0483010000", 0x10000);
        assertHead("0483ffffff", 0xffffff);
        assertThrows(IllegalArgumentException.class,
                () -> Ber.writeDefinite(new ByteArrayOutputStream(), 0x04, new byte[0x1000000]));
    }

    /** Writes {@code length} bytes, checks the head, and reads the element back. */
    private static void assertHead(String head, int length) throws EnvelopeFault {
        byte[] content = new byte[length];
        Arrays.fill(content, (byte) 0x5a);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Ber.writeDefinite(out, 0x04, content);
        byte[] written = out.toByteArray();
        assertEquals(head, HEX.formatHex(written, 0, head.length() / 2), "length " + length);
        assertEquals(head.length() / 2 + length, written.length, "length " + length);
        Ber in = new Ber(written);
        assertArrayEquals(content, in.read(0x04, "the content"), "length " + length);
        in.end();
    }

    private static byte[] element(int tag, String lengthHex, int contentLength) {
        byte[] head = HEX.parseHex(Integer.toHexString(0x100 | tag).substring(1) + lengthHex);
        return Arrays.copyOf(head, head.length + contentLength);
    }
}
