package dev.nitroattest.benchmarks;

import org.bouncycastle.crypto.digests.SHA384Digest;

/** SHA-384 as the verifier computes it (Bouncy Castle's digest, no provider look-up), for the primitive's benchmarks. */
final class Sha384 {
    private Sha384() {
    }

    static byte[] of(byte[] message) {
        SHA384Digest digest = new SHA384Digest();
        digest.update(message, 0, message.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }
}
