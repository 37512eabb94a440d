package dev.nitroattest.nsm.emulated;

import dev.nitroattest.nsm.NsmEmulationException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Who signs the emulator's documents: a test PKI that the emulator renews itself ({@link #testPki}), or a fixed key
 * and chain from files ({@link #fromPemFiles}). Either way the root never changes, so verifiers pinned to the
 * exported root keep working.
 */
public sealed interface EmulatedAuthority permits TestPkiAuthority, FileAuthority {

    /** A test PKI with a random seed: nobody else can sign documents that chain to its root. */
    static EmulatedAuthority freshTestPki() {
        return TestPkiAuthority.withRandomSeed();
    }

    /**
     * A test PKI whose keys follow from the seed (see the test kit's {@code TestPki}): reproducible, and therefore
     * forgeable by anyone who knows the seed.
     */
    static EmulatedAuthority testPki(String seed) {
        return new TestPkiAuthority(seed);
    }

    /**
     * A fixed signer: a P-384 private key (PEM, PKCS#8 "PRIVATE KEY" or SEC1 "EC PRIVATE KEY") and the chain
     * (PEM certificates, the leaf that matches the key first, the self-signed root last). Documents verify only
     * while the leaf is valid.
     *
     * @throws NsmEmulationException if a file cannot be read or does not hold what it should
     */
    static EmulatedAuthority fromPemFiles(Path privateKey, Path chain) throws NsmEmulationException {
        return FileAuthority.load(privateKey, chain);
    }

    /** The root certificate (DER) that every document chains to. */
    byte[] rootCertificateDer();

    /** The root certificate as PEM, for a verifier's trust anchor. */
    String rootCertificatePem();

    /** The credentials to sign a document made at this instant. */
    SigningCredentials credentialsAt(Instant now);
}
