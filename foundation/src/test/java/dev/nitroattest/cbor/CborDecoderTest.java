package dev.nitroattest.cbor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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
}
