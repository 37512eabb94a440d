package dev.nitroattest.nsm.emulated;

import dev.nitroattest.testkit.EcKeyPair;
import java.time.Instant;
import java.util.List;

/** The leaf key that signs documents, its certificate, the cabundle (root first), and the leaf's validity. */
record SigningCredentials(EcKeyPair leafKey, byte[] leafCertificate, List<byte[]> cabundle,
        Instant leafNotBefore, Instant leafNotAfter) {

    SigningCredentials {
        leafCertificate = leafCertificate.clone();
        cabundle = cabundle.stream().map(byte[]::clone).toList();
    }
}
