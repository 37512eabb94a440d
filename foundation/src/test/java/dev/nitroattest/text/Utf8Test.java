package dev.nitroattest.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Strict UTF-8 (RFC 3629 section 4's syntax): the validator is checked by name at each edge of the table (overlong
 * forms, surrogates, code points above U+10FFFF, bytes that never occur, truncated sequences) and cross-checked
 * against the JDK's decoder, which reports every malformed input, on all short strings of edge bytes and on seeded
 * random ones.
 */
@DisplayName("UTF-8 validation (RFC 3629)")
class Utf8Test {
    private static final HexFormat HEX = HexFormat.of();
    /** The bytes at which RFC 3629's table changes, and a few between. */
    private static final int[] EDGE_BYTES = {
        0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee,
        0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xf7, 0xf8, 0xfe, 0xff};

    private static boolean jdkAccepts(byte[] bytes, int from, int to) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            strict.decode(ByteBuffer.wrap(bytes, from, to - from));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean valid(String hex) {
        byte[] bytes = HEX.parseHex(hex);
        return Utf8.isValid(bytes, 0, bytes.length);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "", "00", "7f", "41425a",
        "c280", "c2bf", "dfbf", "df80",
        "e0a080", "e0bfbf", "e18080", "ec bf bf", "ed8080", "ed9fbf", "ee8080", "efbfbf",
        "f0908080", "f0bfbfbf", "f1808080", "f3bfbfbf", "f4808080", "f48fbfbf",
        "41c3bc e6b0b4 f0908591 7f"})
    @DisplayName("accepts each form at the edges of RFC 3629's table")
    void accepts(String hex) {
        assertTrue(valid(hex.replace(" ", "")), hex);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        // continuation bytes where a character must start
        "80", "bf", "41 80",
        // overlong: 2-byte leads c0 and c1, 3 bytes below U+0800, 4 bytes below U+10000
        "c080", "c1bf", "e09fbf", "e08080", "f08fbfbf", "f0808080",
        // UTF-16 surrogates U+D800 to U+DFFF
        "eda080", "edbfbf", "edaf bf",
        // above U+10FFFF
        "f4908080", "f4bfbfbf", "f5808080", "f7bfbfbf",
        // bytes that never occur
        "f8", "fe", "ff", "f8 88 80 80 80",
        // a second byte outside 80..bf
        "c27f", "c2c0", "e17f80", "e1c080", "f17f8080", "f1c08080",
        // a third or fourth byte outside 80..bf
        "e1807f", "e180c0", "ed807f", "f0907f80", "f090c080", "f090807f", "f09080c0", "f4807f80", "f480807f",
        "ef bf c0", "f3 bf bf c0"})
    @DisplayName("refuses each malformed form at the edges of RFC 3629's table")
    void refuses(String hex) {
        assertFalse(valid(hex.replace(" ", "")), hex);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"c3bc", "e6b0b4", "ed9fbf", "efbfbf", "f0908591", "f48fbfbf"})
    @DisplayName("a character cut at any byte is refused, at the end of the text and before more text")
    void truncatedAtEveryPosition(String hex) {
        byte[] whole = HEX.parseHex(hex);
        assertTrue(Utf8.isValid(whole, 0, whole.length));
        for (int cut = 1; cut < whole.length; cut++) {
            byte[] prefix = new byte[cut];
            System.arraycopy(whole, 0, prefix, 0, cut);
            assertFalse(Utf8.isValid(prefix, 0, cut), "cut after " + cut + " byte(s)");
            byte[] followed = new byte[cut + 1];
            System.arraycopy(whole, 0, followed, 0, cut);
            followed[cut] = 'a';
            assertFalse(Utf8.isValid(followed, 0, followed.length), "cut after " + cut + " byte(s), then 'a'");
            assertFalse(Utf8.isValid(whole, 0, cut), "the range ends after " + cut + " byte(s)");
        }
    }

    @Test
    @DisplayName("only the bytes between from and to are read")
    void onlyTheRangeIsRead() {
        byte[] bytes = HEX.parseHex("ff c3bc e6b0b4 f0908591 ff".replace(" ", ""));
        assertTrue(Utf8.isValid(bytes, 1, bytes.length - 1));
        assertTrue(Utf8.isValid(bytes, 3, 6));
        assertTrue(Utf8.isValid(bytes, 6, 10));
        assertTrue(Utf8.isValid(bytes, 5, 5), "an empty range");
        assertFalse(Utf8.isValid(bytes, 0, bytes.length - 1));
        assertFalse(Utf8.isValid(bytes, 1, bytes.length));
        assertFalse(Utf8.isValid(bytes, 2, 6), "starts inside a character");
        assertFalse(Utf8.isValid(bytes, 1, 9), "ends inside a character");
    }

    /** A sweep (see docs/verification.md): the named cases above pin each edge; this confirms them all together. */
    @Test
    @Tag("sweep")
    @DisplayName("agrees with the JDK's strict decoder on every string of one to three edge bytes and on 4-byte "
            + "strings led by each 4-byte lead")
    void agreesWithTheJdkOnEdgeBytes() {
        int checked = 0;
        for (int a : EDGE_BYTES) {
            checked += compare(a);
            for (int b : EDGE_BYTES) {
                checked += compare(a, b);
                for (int c : EDGE_BYTES) {
                    checked += compare(a, b, c);
                    if (a >= 0xf0 && a <= 0xf5) {
                        for (int d : EDGE_BYTES) {
                            checked += compare(a, b, c, d);
                        }
                    }
                }
            }
        }
        assertEquals(EDGE_BYTES.length * (1 + EDGE_BYTES.length * (1 + EDGE_BYTES.length))
                + 5 * EDGE_BYTES.length * EDGE_BYTES.length * EDGE_BYTES.length, checked);
    }

    private static int compare(int... values) {
        byte[] bytes = new byte[values.length + 2];
        bytes[0] = 'x';
        for (int i = 0; i < values.length; i++) {
            bytes[i + 1] = (byte) values[i];
        }
        bytes[bytes.length - 1] = (byte) 0xc3;
        boolean expected = jdkAccepts(bytes, 1, bytes.length - 1);
        assertEquals(expected, Utf8.isValid(bytes, 1, bytes.length - 1),
                () -> HEX.formatHex(bytes, 1, bytes.length - 1));
        return 1;
    }

    @Test
    @DisplayName("agrees with the JDK's strict decoder on seeded random text, mostly valid, with one byte changed")
    void agreesWithTheJdkOnRandomText() {
        Random random = new Random(0x5eed_0f_07_f8L);
        int invalid = 0;
        for (int round = 0; round < 4000; round++) {
            StringBuilder text = new StringBuilder();
            int characters = random.nextInt(8);
            for (int i = 0; i < characters; i++) {
                int codePoint = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(0x80);
                    case 1 -> 0x80 + random.nextInt(0x800 - 0x80);
                    case 2 -> 0x800 + random.nextInt(0xd800 - 0x800);
                    default -> 0x10000 + random.nextInt(0x110000 - 0x10000);
                };
                text.appendCodePoint(codePoint);
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            assertTrue(Utf8.isValid(bytes, 0, bytes.length), () -> HEX.formatHex(bytes));
            if (bytes.length > 0) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            boolean expected = jdkAccepts(bytes, 0, bytes.length);
            invalid += expected ? 0 : 1;
            assertEquals(expected, Utf8.isValid(bytes, 0, bytes.length), () -> HEX.formatHex(bytes));
        }
        assertTrue(invalid > 1000, "the damage made many strings invalid: " + invalid);
    }
}
