package dev.nitroattest.cbor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The writer against RFC 8949 Appendix A's examples (the ones within what it writes: unsigned integers, strings,
 * arrays, maps, simple values, indefinite lengths) and the head at each size boundary. The expected bytes are the
 * RFC's, copied by hand; {@link CborRoundTripTest} reads what the writer writes back.
 */
@DisplayName("CBOR encoder: RFC 8949 Appendix A and the shortest head")
class CborEncoderTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String hex(UnaryOperator<CborEncoder> writes) {
        CborEncoder encoder = new CborEncoder();
        assertSame(encoder, writes.apply(encoder), "each call returns the encoder, for chaining");
        return HEX.formatHex(encoder.toByteArray());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // Appendix A
        "0, 00", "1, 01", "10, 0a", "23, 17", "24, 1818", "25, 1819", "100, 1864", "1000, 1903e8",
        "1000000, 1a000f4240", "1000000000000, 1b000000e8d4a51000",
        // each boundary of the head's argument
        "255, 18ff", "256, 190100", "65535, 19ffff", "65536, 1a00010000", "4294967295, 1affffffff",
        "4294967296, 1b0000000100000000", "9223372036854775807, 1b7fffffffffffffff"})
    @DisplayName("an unsigned integer in its shortest head")
    void unsignedIntegers(long value, String expected) {
        assertEquals(expected, hex(out -> out.uint(value)));
    }

    @Test
    @DisplayName("a negative value is no unsigned integer")
    void negativeIsRefused() {
        assertEquals("not an unsigned value: -1",
                assertThrows(IllegalArgumentException.class, () -> new CborEncoder().uint(-1)).getMessage());
        assertEquals(
                "not an unsigned value: " + Long.MIN_VALUE,
                assertThrows(IllegalArgumentException.class, () -> new CborEncoder().uint(Long.MIN_VALUE))
                        .getMessage());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, 1b0000000000000000", "1, 1b0000000000000001", "1000000000000, 1b000000e8d4a51000",
        "1733400000123, 1b0000019396b0f67b",
        // Appendix A's 18446744073709551615 is -1 read as unsigned
        "-1, 1bffffffffffffffff"})
    @DisplayName("an unsigned integer always in a 9-byte head, as the NSM writes timestamps")
    void uint64AlwaysNineBytes(long value, String expected) {
        assertEquals(expected, hex(out -> out.uint64(value)));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(value = {
        "'', 60", "a, 6161", "IETF, 6449455446", "\"\\, 62225c", "\u00fc, 62c3bc", "\u6c34, 63e6b0b4",
        "\ud800\udd51, 64f0908591"})
    @DisplayName("text strings, UTF-8 (Appendix A)")
    void textStrings(String text, String expected) {
        assertEquals(expected, hex(out -> out.text(text)));
    }

    @ParameterizedTest(name = "{0} bytes -> head {1}")
    @CsvSource({"0, 40", "4, 44", "23, 57", "24, 5818", "255, 58ff", "256, 590100", "65535, 59ffff",
        "65536, 5a00010000"})
    @DisplayName("byte strings: the shortest head, then the bytes as given")
    void byteStrings(int length, String head) {
        byte[] value = new byte[length];
        for (int i = 0; i < length; i++) {
            value[i] = (byte) (i * 31 + 1);
        }
        assertEquals(head + HEX.formatHex(value), hex(out -> out.bytes(value)));
        assertEquals(head + HEX.formatHex(value), hex(out -> out.bytesOrNull(value)));
    }

    @Test
    @DisplayName("text strings whose UTF-8 crosses a head boundary are measured in bytes, not characters")
    void textLengthIsInBytes() {
        String twelveUmlauts = "\u00fc".repeat(12);
        assertEquals("7818" + "c3bc".repeat(12), hex(out -> out.text(twelveUmlauts)));
        assertEquals("790100" + "61".repeat(256), hex(out -> out.text("a".repeat(256))));
    }

    @Test
    @DisplayName("simple values: false, true, null; a null byte string is null (Appendix A)")
    void simpleValues() {
        assertEquals("f4", hex(out -> out.bool(false)));
        assertEquals("f5", hex(out -> out.bool(true)));
        assertEquals("f6", hex(CborEncoder::nul));
        assertEquals("f6", hex(out -> out.bytesOrNull(null)));
        assertEquals("4401020304", hex(out -> out.bytes(HEX.parseHex("01020304"))));
    }

    @Test
    @DisplayName("arrays and maps of definite length (Appendix A)")
    void definiteContainers() {
        assertEquals("80", hex(out -> out.array(0)));
        assertEquals("83010203", hex(out -> out.array(3).uint(1).uint(2).uint(3)));
        assertEquals("8301820203820405",
                hex(out -> out.array(3).uint(1).array(2).uint(2).uint(3).array(2).uint(4).uint(5)));
        assertEquals("98190102030405060708090a0b0c0d0e0f101112131415161718181819", hex(out -> {
            out.array(25);
            for (int i = 1; i <= 25; i++) {
                out.uint(i);
            }
            return out;
        }));
        assertEquals("a0", hex(out -> out.map(0)));
        assertEquals("a201020304", hex(out -> out.map(2).uint(1).uint(2).uint(3).uint(4)));
        assertEquals("a26161016162820203", hex(out -> out.map(2).text("a").uint(1).text("b").array(2).uint(2)
                .uint(3)));
        assertEquals("826161a161626163", hex(out -> out.array(2).text("a").map(1).text("b").text("c")));
        assertEquals("a56161614161626142616361436164614461656145", hex(out -> out.map(5)
                .text("a").text("A").text("b").text("B").text("c").text("C").text("d").text("D").text("e")
                .text("E")));
    }

    @Test
    @DisplayName("heads of arrays and maps at the size boundaries")
    void containerHeads() {
        assertEquals("97", hex(out -> out.array(23)));
        assertEquals("9818", hex(out -> out.array(24)));
        assertEquals("99ffff", hex(out -> out.array(65535)));
        assertEquals("9a00010000", hex(out -> out.array(65536)));
        assertEquals("b7", hex(out -> out.map(23)));
        assertEquals("b818", hex(out -> out.map(24)));
        assertEquals("b90100", hex(out -> out.map(256)));
        assertEquals("ba7fffffff", hex(out -> out.map(Integer.MAX_VALUE)));
    }

    @Test
    @DisplayName("indefinite-length arrays and maps (Appendix A)")
    void indefiniteContainers() {
        assertEquals("9fff", hex(out -> out.indefiniteArray().end()));
        assertEquals("9f018202039f0405ffff", hex(out -> out.indefiniteArray().uint(1).array(2).uint(2).uint(3)
                .indefiniteArray().uint(4).uint(5).end().end()));
        assertEquals("9f01820203820405ff", hex(out -> out.indefiniteArray().uint(1).array(2).uint(2).uint(3)
                .array(2).uint(4).uint(5).end()));
        assertEquals("bf61610161629f0203ffff", hex(out -> out.indefiniteMap().text("a").uint(1).text("b")
                .indefiniteArray().uint(2).uint(3).end().end()));
        assertEquals("826161bf61626163ff", hex(out -> out.array(2).text("a").indefiniteMap().text("b").text("c")
                .end()));
    }

    @Test
    @DisplayName("bytes that are already CBOR go in unchanged, between other items")
    void raw() {
        assertEquals("8201a16161f6", hex(out -> out.array(2).uint(1).raw(HEX.parseHex("a16161f6"))));
        assertEquals("", hex(out -> out.raw(new byte[0])));
    }
}
