package dev.nitroattest.eif;

import dev.nitroattest.bytes.Bytes;
import org.bouncycastle.crypto.digests.SHA384Digest;

/**
 * One PCR as nitro-cli measures an image: SHA-384 of the concatenated data, then the PCR extended once
 * from zero with that digest, SHA384(48 zero bytes || SHA384(data)).
 */
final class PcrAccumulator {
    private static final int LENGTH = 48;

    private final SHA384Digest content = new SHA384Digest();

    void update(byte[] data, int offset, int length) {
        content.update(data, offset, length);
    }

    Bytes finish() {
        byte[] contentDigest = new byte[LENGTH];
        content.doFinal(contentDigest, 0);
        SHA384Digest extend = new SHA384Digest();
        extend.update(new byte[LENGTH], 0, LENGTH);
        extend.update(contentDigest, 0, LENGTH);
        byte[] pcr = new byte[LENGTH];
        extend.doFinal(pcr, 0);
        return Bytes.of(pcr);
    }
}
