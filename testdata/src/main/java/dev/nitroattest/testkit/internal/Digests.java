package dev.nitroattest.testkit.internal;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;

/** Hashes by their JCA-style names, through Bouncy Castle's lightweight API (no provider involved). */
public final class Digests {
    private Digests() {}

    /** A fresh digest for "SHA-1", "SHA-256", "SHA-384" or "SHA-512". */
    public static Digest newDigest(String name) {
        return switch (name) {
            case "SHA-1" -> new SHA1Digest();
            case "SHA-256" -> new SHA256Digest();
            case "SHA-384" -> new SHA384Digest();
            case "SHA-512" -> new SHA512Digest();
            default -> throw new IllegalArgumentException("unsupported hash: " + name);
        };
    }

    /** The hash of the concatenation of the parts. */
    public static byte[] hash(String name, byte[]... parts) {
        Digest digest = newDigest(name);
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }
}
