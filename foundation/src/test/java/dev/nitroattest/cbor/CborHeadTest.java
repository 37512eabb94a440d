package dev.nitroattest.cbor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A head's argument at every size where RFC 8949 section 3 changes its form (23/24, 255/256, 65535/65536,
 * 2^32 - 1/2^32, 2^64 - 1), for every major type. The heads are written out by hand.
 */
@DisplayName("CBOR head: major type, additional information, length and argument")
class CborHeadTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource({
        "00, 1, 0", "17, 1, 23", "1818, 2, 24", "1819, 2, 25", "18ff, 2, 255", "190100, 3, 256",
        "19ffff, 3, 65535", "1a00010000, 5, 65536", "1affffffff, 5, 4294967295",
        "1b0000000100000000, 9, 4294967296", "1b0102030405060708, 9, 72623859790382856",
        "1b7fffffffffffffff, 9, 9223372036854775807", "1b8000000000000000, 9, 9223372036854775808",
        "1bffffffffffffffff, 9, 18446744073709551615"})
    @DisplayName("the argument follows the head's additional information, big-endian, as an unsigned value")
    void argumentAtEachSizeBoundary(String hex, int length, String unsigned) {
        for (int majorType = 0; majorType < 8; majorType++) {
            byte[] head = HEX.parseHex(hex);
            head[0] = (byte) (head[0] | majorType << 5);
            byte[] atOffset = new byte[head.length + 3];
            System.arraycopy(head, 0, atOffset, 2, head.length);
            atOffset[head.length + 2] = (byte) 0xff;
            assertEquals(majorType, CborHead.majorType(head[0]));
            assertEquals(length, CborHead.headLength(head[0]));
            assertEquals(unsigned, Long.toUnsignedString(CborHead.argument(head, 0)));
            assertEquals(unsigned, Long.toUnsignedString(CborHead.argument(atOffset, 2)), "read at its offset");
        }
    }

    @Test
    @DisplayName("additional information 24 to 27 take 1, 2, 4 and 8 bytes; 28 to 30 are reserved; 31 is one byte")
    void headLengthOfEveryAdditionalInformation() {
        for (int initial = 0; initial < 256; initial++) {
            int info = initial & 0x1f;
            int expected = info < 24 || info == 31 ? 1 : info == 24 ? 2 : info == 25 ? 3 : info == 26 ? 5
                    : info == 27 ? 9 : -1;
            assertEquals(info, CborHead.additionalInfo((byte) initial));
            assertEquals(initial >>> 5, CborHead.majorType((byte) initial));
            assertEquals(expected, CborHead.headLength((byte) initial), "initial byte " + initial);
        }
    }
}
