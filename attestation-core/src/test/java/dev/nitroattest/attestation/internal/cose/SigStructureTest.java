package dev.nitroattest.attestation.internal.cose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.nitroattest.testkit.CborWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The profile's Sig_structure and its SHA-384, which hashes the payload in place: compared with the test kit's own
 * CBOR writer and the JDK's SHA-384, both independent of the encoder, at each size where the payload's head grows.
 */
@DisplayName("Sig_structure: the ES384 profile's encoding and digest")
class SigStructureTest {
    private static final byte[] ES384_HEADER = {(byte) 0xa1, 0x01, 0x38, 0x22};

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 23, 24, 255, 256, 1000, 65535, 65536, 70_000, 16_909_060})
    @DisplayName("encoding and SHA-384 equal the test kit's Sig_structure around the same payload")
    void encodingAndDigestMatchTheKit(int length) throws NoSuchAlgorithmException {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (i * 7 + 3);
        }
        byte[] expected = new CborWriter().startArray(4).text("Signature1").bytes(ES384_HEADER).bytes(new byte[0])
                .bytes(payload).toByteArray();
        assertArrayEquals(expected, SigStructure.encode(payload));
        assertArrayEquals(MessageDigest.getInstance("SHA-384").digest(expected), SigStructure.sha384(payload));
    }
}
