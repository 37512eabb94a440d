package dev.nitroattest.eif;

import dev.nitroattest.attestation.internal.crypto.Sha384;
import dev.nitroattest.bytes.Bytes;

/**
 * One PCR as nitro-cli measures an image: SHA-384 of the concatenated data, then the PCR extended once
 * from zero with that digest, SHA384(48 zero bytes || SHA384(data)). The verifier's own SHA-384, as every other
 * digest of a verification: {@code --pcrs-from-eif} then sets up no Bouncy Castle digest either.
 */
final class PcrAccumulator {
    private final Sha384 content = new Sha384();

    void update(byte[] data, int offset, int length) {
        content.update(data, offset, length);
    }

    Bytes finish() {
        Sha384 extend = new Sha384();
        extend.update(new byte[Sha384.LENGTH], 0, Sha384.LENGTH);
        byte[] contentDigest = content.digest();
        extend.update(contentDigest, 0, contentDigest.length);
        return Bytes.of(extend.digest());
    }
}
