package dev.nitroattest.cbor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The typed reads small protocols use, over the scanner and the reader. */
class CborDecoderTest {
    private static CborDecoder decoder(String hex) throws CborException {
        return new CborDecoder(HexFormat.of().parseHex(hex), 4);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a2616101616282f5f6", "bf616101616282f5f6ff", "a261610161629ff5f6ff", "bf61610161629ff5f6ffff"})
    void definiteAndIndefiniteLengthsReadAlike(String hex) throws CborException {
        CborDecoder in = decoder(hex);
        List<String> seen = new ArrayList<>();
        in.readMap(2, false, key -> {
            seen.add(key);
            if (key.equals("a")) {
                seen.add(Long.toString(in.readUnsigned()));
            } else {
                long count = in.readArrayStart();
                for (long i = 0; count == CborDecoder.INDEFINITE ? !in.readBreakIfPresent() : i < count; i++) {
                    seen.add(in.peek() == CborToken.NULL && in.readNullIfPresent() ? "null"
                            : Boolean.toString(in.readBoolean()));
                }
            }
        });
        in.requireEnd();
        assertEquals(List.of("a", "1", "b", "true", "null"), seen);
    }

    @Test
    void aMessageReadOnlyInPartIsRefused() throws CborException {
        CborDecoder in = decoder("82010203".substring(0, 6));
        assertEquals(2, in.readArrayStart());
        assertEquals(1, in.readUnsigned());
        CborException e = assertThrows(CborException.class, in::requireEnd);
        assertEquals("The message has an unsigned integer at offset 2 that was not read.", e.getMessage());
    }

    @Test
    void aMessageIsItsOneItemReadToItsEnd() throws CborException {
        byte[] pair = HexFormat.of().parseHex("820102");
        assertEquals(List.of(1L, 2L), CborDecoder.readMessage(pair, 1, in -> {
            in.readArrayStart();
            return List.of(in.readUnsigned(), in.readUnsigned());
        }));
    }

    @Test
    void bytesAfterAMessagesItemAreRefusedBeforeTheReaderRuns() {
        List<String> read = new ArrayList<>();
        CborException e = assertThrows(CborException.class, () -> CborDecoder.readMessage(
                HexFormat.of().parseHex("82010200"), 1, in -> read.add("read")));
        assertEquals("The message is not well-formed CBOR: 1 trailing byte(s) after the data item at offset 3.",
                e.getMessage());
        assertEquals(List.of(), read, "the reader never saw the message");
    }

    @Test
    void aMessageItsReaderLeftUnreadInPartIsRefused() {
        CborException e = assertThrows(CborException.class, () -> CborDecoder.readMessage(
                HexFormat.of().parseHex("820102"), 1, in -> {
                    in.readArrayStart();
                    return in.readUnsigned();
                }));
        assertEquals("The message has an unsigned integer at offset 2 that was not read.", e.getMessage());
    }

    @Test
    void aStringOverTheCallersLimitIsRefusedBeforeItIsCopied() throws CborException {
        CborException e = assertThrows(CborException.class, () -> decoder("4401020304").readBytes(3));
        assertEquals("The string at offset 0 is 4 bytes; at most 3 are accepted.", e.getMessage());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, decoder("4401020304").readBytes(4));
    }

    @ParameterizedTest
    @CsvSource({
        "a201020304, 'The map at offset 0 has a key that is an unsigned integer at offset 1; keys must be text "
            + "strings.'",
        "a2616101616102, 'The map at offset 0 has the key \"a\" twice.'",
        "a3616101616202616303, 'The map at offset 0 has more than 2 entries.'",
        "bf616101ff, 'The map at offset 0 has an indefinite length; a definite length is required.'"
    })
    void mapsAreReadStrictly(String hex, String message) throws CborException {
        CborDecoder in = decoder(hex);
        CborException e = assertThrows(CborException.class,
                () -> in.readMap(2, hex.startsWith("bf"), key -> in.skip(2)));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "c101, 'The message is not well-formed CBOR: tag 1 at offset 0 is not allowed here.'",
        "5f4101ff, 'The message is not well-formed CBOR: indefinite-length (chunked) byte string at offset 0 is not "
            + "accepted; strings must have a definite length.'",
        "9f01, 'The message is not well-formed CBOR: data ends inside the item at offset 0.'",
        "830101, 'The message is not well-formed CBOR: array at offset 0 declares 3 entries but only 2 bytes remain.'",
        "8181818181818101, 'The message is not well-formed CBOR: nesting deeper than 4 levels at offset 4.'"
    })
    void whatTheScannerRefusesIsNeverRead(String hex, String message) {
        CborException e = assertThrows(CborException.class, () -> decoder(hex));
        assertEquals(message, e.getMessage());
    }

    @Test
    void valuesOfOtherKindsAreNamedInTheRefusal() throws CborException {
        CborException e = assertThrows(CborException.class, () -> decoder("20").readUnsigned());
        assertEquals("Expected an unsigned integer at offset 0 but found a negative integer.", e.getMessage());
        CborDecoder floats = decoder("81f93c00");
        floats.readArrayStart();
        assertEquals("Expected an item this protocol uses at offset 1 but found a float.",
                assertThrows(CborException.class, () -> floats.skip(1)).getMessage());
        assertFalse(decoder("f6").readBreakIfPresent());
        assertTrue(decoder("f6").readNullIfPresent());
    }

    @Test
    @DisplayName("booleans read as themselves; another item where a boolean is expected is refused")
    void booleans() throws CborException {
        assertFalse(decoder("f4").readBoolean());
        assertTrue(decoder("f5").readBoolean());
        assertEquals("Expected a boolean at offset 0 but found null.",
                assertThrows(CborException.class, () -> decoder("f6").readBoolean()).getMessage());
        assertEquals("Expected a boolean at offset 0 but found an unsigned integer.",
                assertThrows(CborException.class, () -> decoder("01").readBoolean()).getMessage());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"00, 0", "17, 23", "1818, 24", "1a00010000, 65536", "1b7fffffffffffffff, 9223372036854775807"})
    @DisplayName("unsigned integers from 0 to 2^63 - 1 are read")
    void unsignedIntegersToTheLargestLong(String hex, long value) throws CborException {
        assertEquals(value, decoder(hex).readUnsigned());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1b8000000000000000", "1b8000000000000001", "1bffffffffffffffff"})
    @DisplayName("unsigned integers of 2^63 and more, which a long does not hold, are refused")
    void unsignedIntegersBeyondALong(String hex) {
        assertEquals("The integer at offset 0 is larger than 2^63 - 1.",
                assertThrows(CborException.class, () -> decoder(hex).readUnsigned()).getMessage());
    }

    @Test
    @DisplayName("text is read up to the caller's limit in UTF-8 bytes; bytes are no text")
    void text() throws CborException {
        assertEquals("abc", decoder("63616263").readText(3));
        assertEquals("\u00fc", decoder("62c3bc").readText(2));
        assertEquals("The string at offset 0 is 3 bytes; at most 2 are accepted.",
                assertThrows(CborException.class, () -> decoder("63616263").readText(2)).getMessage());
        assertEquals("The string at offset 0 is 2 bytes; at most 1 are accepted.",
                assertThrows(CborException.class, () -> decoder("62c3bc").readText(1)).getMessage());
        assertEquals("Expected a text string at offset 0 but found a byte string.",
                assertThrows(CborException.class, () -> decoder("4161").readText(5)).getMessage());
        assertEquals("Expected a byte string at offset 0 but found a text string.",
                assertThrows(CborException.class, () -> decoder("6161").readBytes(5)).getMessage());
    }

    @Test
    @DisplayName("readNullIfPresent and readBreakIfPresent consume only what they name")
    void optionalReadsConsumeOnlyTheirItem() throws CborException {
        CborDecoder in = decoder("9f01f6ff");
        assertEquals(CborDecoder.INDEFINITE, in.readArrayStart());
        assertFalse(in.readNullIfPresent());
        assertFalse(in.readBreakIfPresent());
        assertEquals(1, in.readUnsigned());
        assertFalse(in.readBreakIfPresent());
        assertTrue(in.readNullIfPresent());
        assertFalse(in.readNullIfPresent());
        assertTrue(in.readBreakIfPresent());
        in.requireEnd();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "00", "1b7fffffffffffffff", "40", "4401020304", "60", "6161", "f4", "f5", "f6", "80", "8101", "83010203",
        "a0", "a1616101", "a26161016162820203", "9fff", "9f01f6ff", "bfff", "bf616101ff", "bf61610161629f0203ffff",
        "8382f4f5a16161a0bf616280ff", "a161619f9fffff"})
    @DisplayName("skip reads one whole item of every kind these protocols use, and nothing after it")
    void skipsEachKindOfItem(String hex) throws CborException {
        CborDecoder in = decoder("82" + hex + "17");
        assertEquals(2, in.readArrayStart());
        in.skip(4);
        assertEquals(23, in.readUnsigned(), "the item after the skipped one");
        in.requireEnd();
        CborDecoder alone = decoder(hex);
        alone.skip(4);
        alone.requireEnd();
    }

    @Test
    @DisplayName("skip follows nesting to the depth it is given and no deeper")
    void skipDepth() throws CborException {
        CborDecoder scalar = decoder("01");
        scalar.skip(0);
        scalar.requireEnd();
        CborDecoder empty = decoder("80");
        empty.skip(0);
        empty.requireEnd();
        CborDecoder one = decoder("8101");
        one.skip(1);
        one.requireEnd();
        assertEquals("Items are nested too deeply at offset 0.",
                assertThrows(CborException.class, () -> decoder("8101").skip(0)).getMessage());
        assertEquals("Items are nested too deeply at offset 1.",
                assertThrows(CborException.class, () -> decoder("818101").skip(1)).getMessage());
        assertEquals("Items are nested too deeply at offset 3.",
                assertThrows(CborException.class, () -> decoder("a161618101").skip(1)).getMessage());
        CborDecoder three = decoder("81818101");
        three.skip(3);
        three.requireEnd();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "20, a negative integer", "f93c00, a float", "8120, a negative integer", "a1616120, a negative integer",
        "9ff93c00ff, a float"})
    @DisplayName("skip refuses what these protocols never use, wherever it is")
    void skipRefusesOtherKinds(String hex, String found) {
        CborException e = assertThrows(CborException.class, () -> decoder(hex).skip(4));
        assertTrue(e.getMessage().startsWith("Expected an item this protocol uses at offset "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" but found " + found + "."), e.getMessage());
    }

    @Test
    @DisplayName("an item that was peeked at but not read is still unread at the end")
    void peekedIsNotRead() throws CborException {
        CborDecoder in = decoder("01");
        assertEquals(CborToken.UNSIGNED, in.peek());
        assertEquals("The message has an unsigned integer at offset 0 that was not read.",
                assertThrows(CborException.class, in::requireEnd).getMessage());
        CborDecoder map = decoder("a1616101");
        assertEquals(CborToken.MAP_START, map.peek());
        assertEquals(1, map.readMapStart());
        assertEquals(CborToken.TEXT, map.peek());
        assertEquals("The message has a map key at offset 1 that was not read.",
                assertThrows(CborException.class, map::requireEnd).getMessage());
    }

    @Test
    @DisplayName("a map's keys are reported by their own kind")
    void keysByKind() throws CborException {
        CborDecoder in = decoder("a401616120616241616163616401");
        assertEquals(4, in.readMapStart());
        assertEquals(CborToken.UNSIGNED, in.peek());
        in.skip(0);
        in.skip(0);
        assertEquals(CborToken.NEGATIVE, in.peek());
        assertEquals("Expected an item this protocol uses at offset 4 but found a negative integer.",
                assertThrows(CborException.class, () -> in.skip(0)).getMessage());
    }

    @Test
    @DisplayName("the end of an open definite map or array is no unread item; an open indefinite one's is")
    void endsOfContainers() throws CborException {
        CborDecoder definite = decoder("8101");
        definite.readArrayStart();
        definite.readUnsigned();
        definite.requireEnd();
        CborDecoder indefinite = decoder("9f01ff");
        indefinite.readArrayStart();
        indefinite.readUnsigned();
        assertEquals("The message has the end of a map or array at offset 2 that was not read.",
                assertThrows(CborException.class, indefinite::requireEnd).getMessage());
    }
}
