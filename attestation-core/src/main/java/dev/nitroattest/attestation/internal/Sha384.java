package dev.nitroattest.attestation.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-384, from the JDK. Not Bouncy Castle's digest: its first construction in a process sets up Bouncy Castle's
 * CryptoServicesRegistrar, and with it java.util.logging, which a one-shot run such as {@code nitro-attest verify}
 * pays for before its first result (docs/performance.md, CLI start-up). The library's other digests (the replay key,
 * fingerprints, {@code Es384PublicKey}) were the JDK's already.
 */
public final class Sha384 {
    private Sha384() {
    }

    /** A new SHA-384 digest. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-384");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-384", e);
        }
    }
}
