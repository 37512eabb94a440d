package dev.nitroattest.image;

import dev.nitroattest.bytes.Bytes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** One PCR as nitro-cli measures an image: SHA384(48 zero bytes || SHA384(the PCR's sections, concatenated)). */
final class PcrMeasurement {
    private static final int LENGTH = 48;

    private final MessageDigest content = sha384();

    void update(byte[] data, int offset, int length) {
        content.update(data, offset, length);
    }

    Bytes finish() {
        MessageDigest extend = sha384();
        extend.update(new byte[LENGTH]);
        extend.update(content.digest());
        return Bytes.of(extend.digest());
    }

    private static MessageDigest sha384() {
        try {
            return MessageDigest.getInstance("SHA-384");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-384", e);
        }
    }
}
