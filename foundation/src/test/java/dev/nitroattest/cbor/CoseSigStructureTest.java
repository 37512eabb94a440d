package dev.nitroattest.cbor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Sig_structure's byte-string heads, at each boundary where CBOR's shortest head grows: a wrong head changes what
 * the signature covers, so a genuine document would fail (or a crafted one pass) at those sizes only. The expected
 * bytes are written out by hand, independently of the encoder.
 */
@DisplayName("Sig_structure: the payload's length head at every size boundary")
class CoseSigStructureTest {
    private static final HexFormat HEX = HexFormat.of();
    /** 84 (array of 4), 6a "Signature1". */
    private static final String ARRAY_AND_CONTEXT = "846a5369676e617475726531";

    @ParameterizedTest(name = "{0} bytes: {1}")
    @CsvSource({
        "0, 40", "23, 57", "24, 5818", "255, 58ff", "256, 590100", "65535, 59ffff", "65536, 5a00010000",
        "65537, 5a00010001", "16909060, 5a01020304"})
    @DisplayName("the shortest head for the payload's length, after the ES384 header and the empty external_aad")
    void lengthHeadIsTheShortest(int length, String head) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (i * 7 + 3);
        }
        String prefix = ARRAY_AND_CONTEXT + "44a1013822" + "40" + head;
        assertEquals(prefix, HEX.formatHex(CoseSigStructure.beforePayload(HEX.parseHex("a1013822"), length)));
        byte[] encoded = CoseSigStructure.encode(HEX.parseHex("a1013822"), payload);
        assertEquals(prefix, HEX.formatHex(encoded, 0, prefix.length() / 2));
        assertArrayEquals(payload, Arrays.copyOfRange(encoded, prefix.length() / 2, encoded.length));
    }

    @Test
    @DisplayName("any protected header goes in as given, its own head the shortest too")
    void protectedHeaderAsGiven() {
        assertEquals(ARRAY_AND_CONTEXT + "40" + "40" + "43010203",
                HEX.formatHex(CoseSigStructure.encode(new byte[0], HEX.parseHex("010203"))));
        byte[] header = new byte[24];
        Arrays.fill(header, (byte) 0xa0);
        assertEquals(ARRAY_AND_CONTEXT + "5818" + "a0".repeat(24) + "40" + "40",
                HEX.formatHex(CoseSigStructure.encode(header, new byte[0])));
    }

    @Test
    @DisplayName("a negative payload length is refused, an empty payload is not")
    void negativeLengthRefused() {
        assertEquals("a payload has no negative length", assertThrows(IllegalArgumentException.class,
                () -> CoseSigStructure.beforePayload(new byte[0], -1)).getMessage());
        assertEquals(ARRAY_AND_CONTEXT + "40" + "40" + "40",
                HEX.formatHex(CoseSigStructure.beforePayload(new byte[0], 0)));
    }
}
