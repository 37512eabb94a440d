package dev.nitroattest.benchmarks;

import org.bouncycastle.crypto.digests.SHA384Digest;

/**
 * SHA-384 through Bouncy Castle's digest (no provider look-up), for the primitive's benchmarks. The verifier computes
 * its digests with attestation-core's own SHA-384, which is internal and not for other modules (.ci/check-boundaries),
 * so the raw ES384 figures here include Bouncy Castle's digest, not the verifier's.
 */
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
