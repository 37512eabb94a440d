package dev.nitroattest.cbor;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
}
