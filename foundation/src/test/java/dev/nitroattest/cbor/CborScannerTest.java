package dev.nitroattest.cbor;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The well-formedness scan that runs before any decoding: what it accepts and what it refuses. */
@DisplayName("CBOR scanner")
class CborScannerTest {
    @ParameterizedTest(name = "[{index}] '{0}'")
    @ValueSource(strings = {
        "00", "17", "1818", "1b0000018dffffffff", "20", "3b7fffffffffffffff",
        "40", "4401020304", "60", "6161",
        "80", "83010203", "9f0102ff", "a0", "a16161f6", "bf6161f5ff", "bfff",
        "f4", "f5", "f6", "f93c00", "fa3f800000", "fb3ff0000000000000"
    })
    @DisplayName("accepts well-formed items of the allowed kinds")
    void accepts(String hex) throws CborException {
        CborScanner.scan(HexFormat.of().parseHex(hex), 4, false);
    }

    @ParameterizedTest(name = "[{index}] '{0}'")
    @ValueSource(strings = {
        "", "18", "1c", "1d", "1e", "1f", "3f", "5c", "9c", "bc", "dc",
        "4401", "5a00000005010203", "5bffffffffffffffff00", "9a7fffffff00", "bb7fffffffffffffff",
        "5f6161ff", "5f5f4100ffff", "7f4161ff", "7fff00", "5f42010243030405ff", "7f616161626163ff", "5fff", "7fff",
        "6180", "62c080", "63eda080", "64f4908080",
        "bf6161ff", "9f01", "ff", "0000",
        "f7", "f0", "f820", "d818", "d24100", "c24101"
    })
    @DisplayName("refuses malformed, truncated, oversized, tagged and simple-valued items")
    void refuses(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        CborException e = assertThrows(CborException.class, () -> CborScanner.scan(bytes, 4, false));
        assertTrue(!e.getMessage().isBlank());
    }

    @Test
    @DisplayName("only a leading tag 18 is allowed, and only where the caller allows it")
    void coseTag() {
        byte[] tagged = HexFormat.of().parseHex("d28440a040f6");
        assertDoesNotThrow(() -> CborScanner.scan(tagged, 2, true));
        assertThrows(CborException.class, () -> CborScanner.scan(tagged, 2, false));
        assertThrows(CborException.class, () -> CborScanner.scan(HexFormat.of().parseHex("d3824040"), 2, true));
        assertThrows(CborException.class, () -> CborScanner.scan(HexFormat.of().parseHex("d2d2824040"), 2, true));
        assertThrows(CborException.class, () -> CborScanner.scan(HexFormat.of().parseHex("82d24040"), 2, true));
    }

    @Test
    @DisplayName("nesting is bounded exactly at the given depth")
    void depth() {
        byte[] three = HexFormat.of().parseHex("81818100");
        assertDoesNotThrow(() -> CborScanner.scan(three, 3, false));
        assertThrows(CborException.class, () -> CborScanner.scan(three, 2, false));
    }

    @ParameterizedTest(name = "[{index}] '{0}'")
    @ValueSource(strings = {"5f42010243030405ff", "5fff", "7f616161626163ff", "7fff", "a17f6161ff00", "815f4101ff"})
    @DisplayName("refuses indefinite-length (chunked) byte and text strings, which no NSM writes, wherever they are")
    void refusesChunkedStrings(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        CborException e = assertThrows(CborException.class, () -> CborScanner.scan(bytes, 4, false));
        assertTrue(e.getMessage().startsWith("indefinite-length (chunked) "), e.getMessage());
    }

    @Test
    @DisplayName("a 4-billion-entry declared array in a few bytes is refused without allocating")
    void hugeCountsRefused() {
        byte[] bytes = HexFormat.of().parseHex("9affffffff00");
        assertThrows(CborException.class, () -> CborScanner.scan(bytes, 4, false));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @CsvSource(delimiter = '|', value = {
        "824101 | data ends at offset 3 where an item was expected",
        "8118 | data ends inside the item at offset 1",
        "a161611b00 | data ends inside the item at offset 3",
        "9f01 | data ends inside the item at offset 0",
        "580301 | string at offset 0 declares 3 bytes but only 1 remain",
        "7a00000002 61 | string at offset 0 declares 2 bytes but only 1 remain",
        "5bffffffffffffffff00 | string at offset 0 declares 18446744073709551615 bytes but only 1 remain",
        "830102 | array at offset 0 declares 3 entries but only 2 bytes remain",
        "9bffffffffffffffff00 | array at offset 0 declares 18446744073709551615 entries but only 1 bytes remain",
        "a2010203 | map at offset 0 declares 2 entries but only 3 bytes remain",
        "a30102030405 | map at offset 0 declares 3 entries but only 5 bytes remain",
        "bf6161ff | map at offset 0 ends after a key without its value",
        "bf61610161 62ff | map at offset 0 ends after a key without its value",
        "c101 | tag 1 at offset 0 is not allowed here",
        "1c | reserved or invalid additional information at offset 0",
        "3f | reserved or invalid additional information at offset 0",
        "811f | reserved or invalid additional information at offset 1",
        "ff | unexpected break at offset 0",
        "f7 | undefined at offset 0 is not allowed",
        "f0 | simple value at offset 0 is not allowed",
        "f820 | simple value at offset 0 is not allowed",
        "0000 | 1 trailing byte(s) after the data item at offset 1",
        "8001ff | 2 trailing byte(s) after the data item at offset 1",
        "7f6161ff | indefinite-length (chunked) text string at offset 0 is not accepted; strings must have a definite "
            + "length",
        "5f4161ff | indefinite-length (chunked) byte string at offset 0 is not accepted; strings must have a definite "
            + "length",
        "8262c080 | text string at offset 1 is not valid UTF-8",
        "9f9f9f9f00ffffffff | nesting deeper than 3 levels at offset 3",
        "bf61619f9f9f00ffffffff | nesting deeper than 3 levels at offset 5"})
    @DisplayName("each refusal says what is wrong and at which offset")
    void refusalsSayWhatAndWhere(String hex, String message) {
        byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
        assertEquals(message, assertThrows(CborException.class, () -> CborScanner.scan(bytes, 3, false)).getMessage());
    }

    @Test
    @DisplayName("where a leading tag is allowed, an empty input or a tag alone ends where its item was expected")
    void leadingTagWithoutItsItem() {
        assertEquals("data ends at offset 0 where an item was expected", assertThrows(CborException.class,
                () -> CborScanner.scan(new byte[0], 2, true)).getMessage());
        assertEquals("data ends at offset 1 where an item was expected", assertThrows(CborException.class,
                () -> CborScanner.scan(HexFormat.of().parseHex("d2"), 2, true)).getMessage());
        assertEquals("data ends inside the item at offset 0", assertThrows(CborException.class,
                () -> CborScanner.scan(HexFormat.of().parseHex("d8"), 2, true)).getMessage());
        assertEquals("tag 19 at offset 0 is not the COSE_Sign1 tag 18", assertThrows(CborException.class,
                () -> CborScanner.scan(HexFormat.of().parseHex("d3824040"), 2, true)).getMessage());
        assertEquals("tag 18 at offset 1 is not allowed here", assertThrows(CborException.class,
                () -> CborScanner.scan(HexFormat.of().parseHex("d2d2824040"), 2, true)).getMessage());
        assertDoesNotThrow(() -> CborScanner.scan(HexFormat.of().parseHex("d812824040"), 2, true),
                "tag 18 in a two-byte head is still tag 18");
    }

    @Test
    @DisplayName("indefinite-length arrays and maps count towards the nesting depth as definite ones do")
    void depthOfIndefiniteContainers() {
        byte[] three = HexFormat.of().parseHex("9f9fbf6161a0ffffff");
        assertDoesNotThrow(() -> CborScanner.scan(three, 4, false));
        assertDoesNotThrow(() -> CborScanner.scan(HexFormat.of().parseHex("9f9f9f00ffffff"), 3, false));
        assertEquals("nesting deeper than 2 levels at offset 2", assertThrows(CborException.class,
                () -> CborScanner.scan(HexFormat.of().parseHex("9f9f9f00ffffff"), 2, false)).getMessage());
        assertEquals("nesting deeper than 3 levels at offset 5", assertThrows(CborException.class,
                () -> CborScanner.scan(three, 3, false)).getMessage());
        assertEquals("nesting deeper than 0 levels at offset 0", assertThrows(CborException.class,
                () -> CborScanner.scan(HexFormat.of().parseHex("80"), 0, false)).getMessage());
        assertDoesNotThrow(() -> CborScanner.scan(HexFormat.of().parseHex("f5"), 0, false));
    }

    @Test
    @DisplayName("a string or container that ends exactly at the input's end is accepted")
    void itemsEndingAtTheLastByte() {
        for (String hex : new String[] {"5818" + "00".repeat(24), "7818" + "61".repeat(24), "62c3bc", "98180102030405"
                + "060708090a0b0c0d0e0f10111213141516171818", "a2616101616202", "bf6161f6ff"}) {
            assertDoesNotThrow(() -> CborScanner.scan(HexFormat.of().parseHex(hex), 2, false), hex);
        }
    }
}
