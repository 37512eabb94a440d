package dev.nitroattest.der;

import static dev.nitroattest.der.DerLengthTest.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The content rules of X.690 read through DerReader's typed reads: INTEGER's minimal octets, BIT STRING's count. */
@DisplayName("DerContent: INTEGER (X.690 8.3.2) and BIT STRING (X.690 8.6.2, 11.2) content")
class DerContentTest {
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"020100, 0", "02017f, 127", "02020080, 128", "0201ff, -1", "020180, -128", "0202ff7f, -129",
        "0202ff00, -256", "02020100, 256", "0203008000, 32768"})
    @DisplayName("an INTEGER in the fewest octets reads as its value, also as the last bytes of the input")
    void minimalIntegers(String hex, long value) throws DerException {
        assertEquals(BigInteger.valueOf(value), DerReader.of(hex(hex)).readInteger("the number"));
        byte[] inSequence = hex("30" + String.format("%02x", hex.length()) + hex + hex);
        DerReader children = DerReader.contentOf(inSequence, DerReader.of(inSequence).next());
        assertEquals(BigInteger.valueOf(value), children.readInteger("the first"));
        assertEquals(BigInteger.valueOf(value), children.readInteger("the second"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"02020000", "0202007f", "0202ffff", "0202ff80", "0203000080", "0203ffff7f"})
    @DisplayName("an INTEGER whose first octet only repeats the sign of the second is refused")
    void redundantLeadingOctet(String hex) {
        byte[] bytes = hex(hex);
        DerException e = assertThrows(DerException.class, () -> DerReader.of(bytes).readInteger("the number"), hex);
        assertEquals("the number is an INTEGER with a redundant leading byte", e.getMessage());
    }

    @Test
    @DisplayName("seeded random INTEGERs: the fewest octets read back; one sign octet more is refused")
    void randomIntegers() throws DerException {
        Random random = new Random(0x1_7e6e_55L);
        for (int i = 0; i < 2000; i++) {
            BigInteger value = new BigInteger(1 + random.nextInt(80), random);
            value = random.nextBoolean() ? value.negate() : value;
            byte[] content = value.toByteArray();
            assertEquals(value, DerReader.of(integer(content)).readInteger("the number"));
            byte[] padded = new byte[content.length + 1];
            padded[0] = (byte) (value.signum() < 0 ? 0xff : 0x00);
            System.arraycopy(content, 0, padded, 1, content.length);
            byte[] bytes = integer(padded);
            assertThrows(DerException.class, () -> DerReader.of(bytes).readInteger("the number"),
                    HexFormat.of().formatHex(bytes));
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "0302 0800   | the bits is a BIT STRING with 8 unused bits in 1 bytes",
        "0303 ff0000 | the bits is a BIT STRING with 255 unused bits in 2 bytes",
        "0301 01     | the bits is a BIT STRING with 1 unused bits in 0 bytes",
        "0300        | the bits is a BIT STRING without its count of unused bits"})
    @DisplayName("a BIT STRING's count of unused bits above 7, or above 0 with no bytes, is malformed, in those words")
    void bitStringCounts(String hex, String message) {
        DerException e = assertThrows(DerException.class, () -> DerReader.of(hex(hex)).readBitString("the bits"));
        assertEquals(DerException.Kind.MALFORMED, e.kind());
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest(name = "{0} unused bits")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    @DisplayName("X.690 11.2.1: the unused bits are zero; any one of them set is BER, not DER")
    void unusedBitsAreZero(int unused) throws DerException {
        int used = 0xff << unused & 0xff;
        byte[] bytes = {DerReader.BIT_STRING, 3, (byte) unused, 0x5a, (byte) used};
        DerReader.BitString bits = DerReader.of(bytes).readBitString("the bits");
        assertEquals(unused, bits.unusedBits());
        assertArrayEquals(new byte[] {0x5a, (byte) used}, bits.bytes());
        for (int bit = 0; bit < unused; bit++) {
            byte[] set = bytes.clone();
            set[4] |= (byte) (1 << bit);
            DerException e = assertThrows(DerException.class, () -> DerReader.of(set).readBitString("the bits"));
            assertEquals(DerException.Kind.NOT_DER, e.kind());
        }
    }

    @Test
    @DisplayName("X.690 8.19.2: an arc after an arc of value 0 may not start with 0x80 either")
    void arcAfterZero() {
        DerException e = assertThrows(DerException.class,
                () -> ObjectIdentifier.fromContent(new byte[] {0x00, (byte) 0x80, 0x01}, "the type"));
        assertEquals("the type is an OBJECT IDENTIFIER with an arc in more bytes than it needs", e.getMessage());
        assertThrows(DerException.class, () -> StrictDer.check(hex("0604 2b 00 8001")));
    }

    private static byte[] integer(byte[] content) {
        byte[] bytes = new byte[2 + content.length];
        bytes[0] = DerReader.INTEGER;
        bytes[1] = (byte) content.length;
        System.arraycopy(content, 0, bytes, 2, content.length);
        return bytes;
    }
}
