package dev.nitroattest.der;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * X.690's DER rules, one at a time, each inside a SEQUENCE so that the check is seen to reach nested elements: the
 * DER form passes, every other form is refused, with {@link DerException.Kind#NOT_DER} where the bytes are valid BER.
 */
@DisplayName("StrictDer: DER everywhere inside an element")
class StrictDerTest {
    @Nested
    @DisplayName("lengths (X.690 10.1): definite, in the fewest bytes")
    class Lengths {
        @Test
        @DisplayName("the short form below 128, the long form in the fewest bytes from 128")
        void minimalLengths() throws DerException {
            valid("3003020101");
            byte[] long128 = new byte[3 + 128];
            long128[0] = 0x04;
            long128[1] = (byte) 0x81;
            long128[2] = (byte) 0x80;
            StrictDer.check(long128);
        }

        @ParameterizedTest
        @ValueSource(strings = {"3004 028101 01", "30 8103 020101", "30 820003 020101", "30 80 020101 0000"})
        @DisplayName("a long form for a short length, a length in too many bytes, an indefinite length: BER, not DER")
        void nonMinimalLengths(String hex) {
            notDer(hex);
        }

        @ParameterizedTest
        @ValueSource(strings = {"3004020101", "3002020101", "30 85 0000000003 020101", "30", "", "3003020101 00"})
        @DisplayName("a length past the parent, a length of 5 bytes, a missing length, nothing, trailing bytes")
        void malformedLengths(String hex) {
            malformed(hex);
        }
    }

    @ParameterizedTest
    @CsvSource({"3003010100, false", "30030101ff, true"})
    @DisplayName("BOOLEAN (X.690 11.1): 00 is FALSE and FF is TRUE")
    void booleans(String hex, boolean value) throws DerException {
        valid(hex);
        byte[] bytes = bytes(hex);
        assertEquals(value, DerReader.contentOf(bytes, DerReader.of(bytes).next()).readBoolean("the flag"));
    }

    @Test
    @DisplayName("BOOLEAN: another TRUE byte is BER; an empty or two-byte BOOLEAN is malformed")
    void booleansOtherwise() {
        notDer("3003010101");
        notDer("3003010180");
        malformed("30020100");
        malformed("300401020000");
    }

    @Test
    @DisplayName("INTEGER (X.690 8.3.2): no redundant leading 00 or FF, at least one byte")
    void integers() {
        valid("3003020100");
        valid("300402020080");
        valid("30030201ff");
        valid("300402020ff0");
        malformed("30040202007f");
        malformed("30040202ff80");
        malformed("30020200");
        malformed("3003020200");
    }

    @Test
    @DisplayName("BIT STRING (X.690 11.2): 0 to 7 unused bits, none without bytes, the unused bits zero")
    void bitStrings() {
        valid("3003030100");
        valid("30040302078" + "0");
        valid("3004030201fe");
        notDer("3004030207c0");
        notDer("3004030201ff");
        malformed("30020300");
        malformed("3003030101");
        malformed("3004030208ff");
    }

    @Test
    @DisplayName("OBJECT IDENTIFIER (X.690 8.19): each arc in the fewest bytes, the last one finished")
    void objectIdentifiers() {
        valid("300706052b81040022");
        malformed("3008060680" + "2b81040022");
        malformed("3008 0606 2b 808104 00 22");
        malformed("300706052b81040082");
        malformed("30020600");
    }

    @Test
    @DisplayName("NULL (X.690 8.8): no content")
    void nulls() {
        valid("30020500");
        malformed("3003050100");
    }

    @Test
    @DisplayName("strings and primitive types in primitive form only (X.690 10.2): a constructed one is BER")
    void primitiveForms() {
        notDer("3006 2404 0402 4142");
        notDer("3006 2304 0302 0041");
        notDer("3006 2c04 0c02 4142");
        notDer("3006 3304 1302 4142");
        malformed("3002 1000");
        malformed("3002 1100");
    }

    @Test
    @DisplayName("SET OF (X.690 11.6): elements in ascending order of their encodings, equal ones allowed")
    void setOfOrder() {
        valid("3108 0201 01 0201 02 0500");
        valid("3106 0201 01 0201 01");
        valid("310a 3003 020101 3003 02010" + "2");
        notDer("3106 0201 02 0201 01");
        notDer("310a 3003 020102 3003 020101");
        notDer("3108 0201 01 0500 0201 02");
    }

    @Test
    @DisplayName("UTF8String is UTF-8 (no overlong form, surrogate, or code point above U+10FFFF); BMPString is two "
            + "bytes and UniversalString four bytes a character")
    void characterStrings() {
        valid("3004 0c02 c3a9");
        malformed("3004 0c02 c328");
        malformed("3004 0c02 c0af");
        malformed("3005 0c03 eda080");
        valid("300a 0c08 f09f9880 e282ac 41");
        valid("3006 0c04 f48fbfbf");
        malformed("3006 0c04 f4908080");
        malformed("3004 0c02 e282");
        malformed("3003 0c01 80");
        malformed("3004 0c02 c1bf");
        malformed("3005 0c03 e08080");
        malformed("3006 0c04 f0808080");
        malformed("3003 0c01 ff");
        valid("3004 1e02 00e9");
        malformed("3005 1e03 00e9 00");
        valid("3006 1c04 000000e9");
        malformed("3005 1c03 0000e9");
        valid("3004 1302 4142");
        valid("3004 0402 ffff");
    }

    @Test
    @DisplayName("universal types no certificate carries, multi-byte tags and end-of-contents are refused")
    void unknownTypes() {
        for (String hex : new String[] {"3003 0701 41", "3003 0901 00", "3003 0d01 01", "3004 1f2001 ff", "3002 0000",
            "3003 9f2001"}) {
            malformed(hex);
        }
    }

    @Test
    @DisplayName("tagged elements: a constructed one is checked inside, a primitive one is opaque")
    void taggedElements() {
        valid("a005 0203 010001");
        valid("8103 ffffff");
        malformed("a004 0202 0001");
        notDer("a007 3105 0500 010100");
    }

    @Test
    @DisplayName("nesting deeper than MAX_DEPTH is refused without exhausting the stack")
    void nestingIsBounded() throws DerException {
        StrictDer.check(nested(StrictDer.MAX_DEPTH));
        DerException deep = assertThrows(DerException.class, () -> StrictDer.check(nested(StrictDer.MAX_DEPTH + 1)));
        assertTrue(deep.getMessage().contains("nested"), deep.getMessage());
        assertThrows(DerException.class, () -> StrictDer.check(nested(20_000)));
    }

    /** SEQUENCEs nested {@code depth} deep, around a NULL at the innermost when the depth allows. */
    private static byte[] nested(int depth) {
        byte[] inner = {0x30, 0x00};
        for (int i = 1; i < depth; i++) {
            int length = inner.length;
            byte[] header = length < 0x80 ? new byte[] {0x30, (byte) length}
                    : length < 0x100 ? new byte[] {0x30, (byte) 0x81, (byte) length}
                    : length < 0x10000 ? new byte[] {0x30, (byte) 0x82, (byte) (length >> 8), (byte) length}
                    : new byte[] {0x30, (byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
            byte[] outer = new byte[header.length + length];
            System.arraycopy(header, 0, outer, 0, header.length);
            System.arraycopy(inner, 0, outer, header.length, length);
            inner = outer;
        }
        return inner;
    }

    private static void valid(String hex) {
        try {
            StrictDer.check(bytes(hex));
        } catch (DerException e) {
            throw new AssertionError(hex + " is DER, yet: " + e.getMessage(), e);
        }
    }

    private static void notDer(String hex) {
        DerException e = assertThrows(DerException.class, () -> StrictDer.check(bytes(hex)), hex);
        assertEquals(DerException.Kind.NOT_DER, e.kind(), hex + ": " + e.getMessage());
    }

    private static void malformed(String hex) {
        DerException e = assertThrows(DerException.class, () -> StrictDer.check(bytes(hex)), hex);
        assertEquals(DerException.Kind.MALFORMED, e.kind(), hex + ": " + e.getMessage());
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }
}
