package dev.nitroattest.attestation.internal.cose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.nitroattest.testkit.DocumentBuilder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Sig_structure's byte-string head around the payload, at each boundary where CBOR's shortest head grows: a wrong
 * head changes what the signature covers, so a genuine document would fail (or a crafted one pass) at those sizes
 * only. Compared with the test kit's own encoder, written independently.
 */
@DisplayName("Sig_structure: the payload's length head at every size boundary")
class SigStructureTest {
    private static final byte[] ES384_HEADER = {(byte) 0xa1, 0x01, 0x38, 0x22};

    @ParameterizedTest(name = "{0} bytes: {1}")
    @CsvSource({
        "0, 40", "23, 57", "24, 5818", "255, 58ff", "256, 590100", "65535, 59ffff", "65536, 5a00010000",
        "65537, 5a00010001", "16909060, 5a01020304"})
    @DisplayName("the shortest head for the payload's length")
    void lengthHeadIsTheShortest(int length, String head) {
        assertArrayEquals(HexFormat.of().parseHex(head), SigStructure.byteStringHead(length));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 23, 24, 255, 256, 1000, 65535, 65536, 70_000, 16_909_060})
    @DisplayName("encoding and SHA-384 equal the test kit's Sig_structure around the same payload")
    void encodingAndDigestMatchTheKit(int length) throws NoSuchAlgorithmException {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (i * 7 + 3);
        }
        byte[] expected = DocumentBuilder.sigStructure(ES384_HEADER, payload);
        assertArrayEquals(expected, SigStructure.encode(payload));
        assertArrayEquals(MessageDigest.getInstance("SHA-384").digest(expected), SigStructure.sha384(payload));
    }
}
