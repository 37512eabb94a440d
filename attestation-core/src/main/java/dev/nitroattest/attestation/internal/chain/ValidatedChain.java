package dev.nitroattest.attestation.internal.chain;

import dev.nitroattest.attestation.internal.crypto.P384PublicKey;
import java.time.Instant;
import java.util.List;

/**
 * A chain from a document's leaf to a pinned anchor that passed every check at some instant.
 *
 * @param certificates leaf first, trust anchor last; immutable
 * @param leafKey the key that signs documents, reused for every document under this chain
 * @param validFrom the latest notBefore of the chain
 * @param validUntil the earliest notAfter of the chain
 */
public record ValidatedChain(
        List<CertificateFields> certificates, P384PublicKey leafKey, Instant validFrom, Instant validUntil) {
}
