package dev.nitroattest.nsm.emulated;

import java.time.Instant;
import java.util.List;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;

/** The leaf key that signs documents, its certificate, the cabundle (root first), and the leaf's validity. */
record SigningCredentials(ECPrivateKeyParameters leafKey, byte[] leafCertificate, List<byte[]> cabundle,
        Instant leafNotBefore, Instant leafNotAfter) {

    SigningCredentials {
        leafCertificate = leafCertificate.clone();
        cabundle = cabundle.stream().map(byte[]::clone).toList();
    }
}
