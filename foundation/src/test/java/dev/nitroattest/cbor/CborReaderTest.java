package dev.nitroattest.cbor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
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

/** The pull reader over scanned input: its tokens, map keys of each kind, skipping whole items, deep nesting. */
@DisplayName("CBOR reader")
class CborReaderTest {
    private static final HexFormat HEX = HexFormat.of();

    private static CborReader reader(String hex, boolean coseTag) throws CborException {
        byte[] input = HEX.parseHex(hex);
        CborScanner.scan(input, 64, coseTag);
        return new CborReader(input);
    }

    private static CborReader reader(String hex) throws CborException {
        return reader(hex, false);
    }

    /** Every token to the end, each with its offset. */
    private static List<String> tokens(CborReader in) throws CborException {
        List<String> tokens = new ArrayList<>();
        do {
            tokens.add(in.next() + "@" + in.tokenOffset());
        } while (!in.isComplete());
        return tokens;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "00 | UNSIGNED@0", "3b7fffffffffffffff | NEGATIVE@0", "4101 | BYTES@0", "6161 | TEXT@0",
        "f4 | BOOLEAN@0", "f5 | BOOLEAN@0", "f6 | NULL@0", "f93c00 | FLOAT@0", "fa3f800000 | FLOAT@0",
        "fb3ff0000000000000 | FLOAT@0", "80 | ARRAY_START@0 END@1", "9fff | ARRAY_START@0 END@1",
        "a0 | MAP_START@0 END@1", "bfff | MAP_START@0 END@1",
        "8301f66161 | ARRAY_START@0 UNSIGNED@1 NULL@2 TEXT@3 END@5",
        "9f01f66161ff | ARRAY_START@0 UNSIGNED@1 NULL@2 TEXT@3 END@5",
        "a261610161626163 | MAP_START@0 KEY@1 UNSIGNED@3 KEY@4 TEXT@6 END@8",
        "bf61610161626163ff | MAP_START@0 KEY@1 UNSIGNED@3 KEY@4 TEXT@6 END@8",
        "a30161612061624161 6163 | MAP_START@0 KEY@1 TEXT@2 KEY@4 TEXT@5 KEY@7 TEXT@9 END@11",
        "81a1616101 | ARRAY_START@0 MAP_START@1 KEY@2 UNSIGNED@4 END@5 END@5",
        "a161618261626163 | MAP_START@0 KEY@1 ARRAY_START@3 TEXT@4 TEXT@6 END@8 END@8",
        "a16161a161626163 | MAP_START@0 KEY@1 MAP_START@3 KEY@4 TEXT@6 END@8 END@8",
        "bf61619f6162ff6163a0ff | MAP_START@0 KEY@1 ARRAY_START@3 TEXT@4 END@6 KEY@7 MAP_START@9 END@10 END@10"})
    @DisplayName("each item's token at its offset; a map's keys are KEY whatever their value's kind")
    void tokensInOrder(String hex, String expected) throws CborException {
        assertEquals(List.of(expected.split(" ")), tokens(reader(hex.replace(" ", ""))));
    }

    @Test
    @DisplayName("a leading COSE_Sign1 tag is stepped over: the item is what it tags")
    void leadingTagIsSteppedOver() throws CborException {
        CborReader in = reader("d28440a040f6", true);
        assertEquals(List.of("ARRAY_START@1", "BYTES@2", "MAP_START@3", "END@4", "BYTES@4", "NULL@5", "END@6"),
                tokens(in));
        assertDoesNotThrow(in::expectEndOfInput);
    }

    @Test
    @DisplayName("after the top-level item, another read is refused rather than reading past the input")
    void nothingAfterTheTopLevelItem() throws CborException {
        CborReader in = reader("01");
        assertFalse(in.isComplete());
        assertEquals(CborToken.UNSIGNED, in.next());
        assertTrue(in.isComplete());
        assertEquals("data ends where another item was expected",
                assertThrows(CborException.class, in::next).getMessage());
    }

    @Test
    @DisplayName("the end of input is refused while a definite array is still open, even at the last byte")
    void endOfInputOnlyAfterTheLastEnd() throws CborException {
        CborReader in = reader("8101");
        in.next();
        in.next();
        assertEquals("unexpected data after the top-level item",
                assertThrows(CborException.class, in::expectEndOfInput).getMessage());
        assertEquals(CborToken.END, in.next());
        assertDoesNotThrow(in::expectEndOfInput);
        assertEquals("unexpected data after the top-level item",
                assertThrows(CborException.class, reader("01")::expectEndOfInput).getMessage(),
                "before the first read");
        CborReader half = reader("820102");
        half.next();
        half.next();
        assertThrows(CborException.class, half::expectEndOfInput);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "a16161f6, a, 3", "a100f6, 0, 0", "a117f6, 23, 0", "a11818f6, 24, 0",
        "a11bfffffffffffffffff6, 18446744073709551615, 0",
        "a120f6, -1, 1", "a137f6, -24, 1", "a13818f6, -25, 1", "a13b7ffffffffffffffef6, -9223372036854775807, 1",
        "a13bfffffffffffffffff6, -18446744073709551616, 1"})
    @DisplayName("a key reads as text: a text key as itself, an integer key as its decimal value")
    void keysReadAsText(String hex, String text, int majorType) throws CborException {
        CborReader in = reader(hex);
        in.next();
        assertEquals(CborToken.KEY, in.next());
        assertEquals(text, in.text());
        assertEquals(majorType, in.keyMajorType());
    }

    @Test
    @DisplayName("a byte-string key has bytes and no text")
    void byteStringKey() throws CborException {
        CborReader in = reader("a14201026161");
        in.next();
        assertEquals(CborToken.KEY, in.next());
        assertEquals(CborHead.BYTES, in.keyMajorType());
        assertArrayEquals(new byte[] {1, 2}, in.bytes());
        assertEquals("has a byte string at offset 1 where text was expected",
                assertThrows(CborException.class, in::text).getMessage());
        assertEquals(CborToken.TEXT, in.next());
        assertEquals("a", in.text());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"a16161f6, a text string", "a101f6, an integer", "a120f6, an integer"})
    @DisplayName("a text or integer key has no bytes")
    void onlyAByteStringKeyHasBytes(String hex, String kind) throws CborException {
        CborReader in = reader(hex);
        in.next();
        assertEquals(CborToken.KEY, in.next());
        assertEquals("has " + kind + " at offset 1 where a byte string was expected",
                assertThrows(CborException.class, in::bytes).getMessage());
    }

    @Test
    @DisplayName("a map key that is an array, a map or a simple value is refused")
    void keysOfOtherKindsAreRefused() throws CborException {
        for (String hex : new String[] {"a18001", "a1a001", "a1f401", "a1f601", "a1f93c0001"}) {
            CborReader in = reader(hex);
            in.next();
            assertEquals("has a map key that is neither a text string nor an integer",
                    assertThrows(CborException.class, in::next).getMessage(), hex);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "01 | has an integer at offset 0 where text was expected | has an integer at offset 0 where a byte string was "
            + "expected",
        "20 | has an integer at offset 0 where text was expected | has an integer at offset 0 where a byte string was "
            + "expected",
        "80 | has an array at offset 0 where text was expected | has an array at offset 0 where a byte string was "
            + "expected",
        "a0 | has a map at offset 0 where text was expected | has a map at offset 0 where a byte string was expected",
        "f6 | has a simple value or float at offset 0 where text was expected | has a simple value or float at "
            + "offset 0 where a byte string was expected",
        "4100 | has a byte string at offset 0 where text was expected | ",
        "6100 | | has a text string at offset 0 where a byte string was expected"})
    @DisplayName("text and bytes of an item of another kind are refused, naming what it is")
    void textAndBytesOfOtherKinds(String hex, String textRefusal, String bytesRefusal) throws CborException {
        CborReader in = reader(hex);
        in.next();
        if (textRefusal != null) {
            assertEquals(textRefusal, assertThrows(CborException.class, in::text).getMessage());
        } else {
            assertEquals("\u0000", in.text());
        }
        if (bytesRefusal != null) {
            assertEquals(bytesRefusal, assertThrows(CborException.class, in::bytes).getMessage());
        } else {
            assertArrayEquals(new byte[] {0}, in.bytes());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"80, 1", "a0, 1", "82806161, 2", "82a04161, 2", "9f6161ff, 3"})
    @DisplayName("the end of a map or array has no text and no bytes, whatever follows it")
    void endHasNoTextAndNoBytes(String hex, int offset) throws CborException {
        CborReader in = reader(hex);
        CborToken token;
        do {
            token = in.next();
        } while (token != CborToken.END);
        assertEquals(offset, in.tokenOffset());
        assertEquals("has the end of a map or array at offset " + offset + " where text was expected",
                assertThrows(CborException.class, in::text).getMessage());
        assertEquals("has the end of a map or array at offset " + offset + " where a byte string was expected",
                assertThrows(CborException.class, in::bytes).getMessage());
    }

    @Test
    @DisplayName("an integer value, even one that reads as text when it is a key, has no text")
    void integerValueHasNoText() throws CborException {
        CborReader in = reader("a1616101");
        in.next();
        in.next();
        assertEquals(CborToken.UNSIGNED, in.next());
        assertEquals(1, in.integerArgument());
        assertThrows(CborException.class, in::text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // item to skip, then a text string after it: where skipping ends
        "8100, 2", "83010203, 4", "9f010203ff, 5", "9fff, 2", "80, 1", "a0, 1", "bfff, 2",
        "a26161016162820203, 9", "bf61610161629f0203ffff, 11", "82616142bbcc, 6",
        "8218ff1901f4, 6", "81 1a00010000, 6", "81 1b0000000100000000, 10", "81 3b7fffffffffffffff, 10",
        "82 f4 f93c00, 5", "81 fb3ff0000000000000, 10", "81 5818 000102030405060708090a0b0c0d0e0f1011121314151617, 27",
        "9f 9f 9f ff ff 80 a0 ff, 8", "83 a1 6161 9f 01 ff 6162 bf 6163 80 ff, 14"})
    @DisplayName("a whole map or array, of any content, is skipped from its start to just after its end")
    void skipsWholeContainers(String item, int length) throws CborException {
        String hex = "82" + item.replace(" ", "") + "6178";
        CborReader in = reader(hex);
        in.next();
        CborToken start = in.next();
        assertTrue(start == CborToken.ARRAY_START || start == CborToken.MAP_START);
        assertEquals(1 + length, in.skipValue(), "the offset after the skipped item");
        assertEquals(CborToken.TEXT, in.next());
        assertEquals("x", in.text());
        assertEquals(CborToken.END, in.next());
        assertDoesNotThrow(in::expectEndOfInput);
    }

    @Test
    @DisplayName("skipping a value that is no container moves nowhere: it has been read")
    void skippingAScalarReadsNothingMore() throws CborException {
        CborReader in = reader("8243010203f5");
        in.next();
        assertEquals(CborToken.BYTES, in.next());
        assertEquals(5, in.skipValue());
        assertEquals(CborToken.BOOLEAN, in.next());
        assertEquals(6, in.skipValue());
        assertEquals(CborToken.END, in.next());
        assertTrue(in.isComplete());
    }

    @Test
    @DisplayName("a skipped map inside a map leaves the outer map's keys and values in step")
    void skipInsideAMapKeepsKeysAndValuesApart() throws CborException {
        CborReader in = reader("a26161a1616201616302");
        in.next();
        assertEquals(CborToken.KEY, in.next());
        assertEquals(CborToken.MAP_START, in.next());
        assertEquals(7, in.skipValue());
        assertEquals(CborToken.KEY, in.next());
        assertEquals("c", in.text());
        assertEquals(CborToken.UNSIGNED, in.next());
        assertEquals(CborToken.END, in.next());
    }

    @Test
    @DisplayName("nesting deeper than the reader's first allocation (8) is followed to every level")
    void deepNesting() throws CborException {
        for (int levels : new int[] {8, 9, 17, 40}) {
            String hex = "81".repeat(levels - 1) + "a1" + "6161" + "9f".repeat(1) + "f5ff";
            CborReader in = reader(hex);
            for (int i = 0; i < levels - 1; i++) {
                assertEquals(CborToken.ARRAY_START, in.next());
            }
            assertEquals(CborToken.MAP_START, in.next());
            assertEquals(CborToken.KEY, in.next());
            assertEquals(CborToken.ARRAY_START, in.next());
            assertEquals(CborToken.BOOLEAN, in.next());
            for (int i = 0; i < levels + 1; i++) {
                assertFalse(in.isComplete());
                assertEquals(CborToken.END, in.next(), "level " + i);
            }
            assertTrue(in.isComplete());
            assertDoesNotThrow(in::expectEndOfInput);
        }
    }
}
