package com.example.relying;

import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.bytes.Bytes;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a relying service does with nitro-attest: it hands each enclave a fresh challenge, and admits an enclave
 * whose attestation document carries that challenge as its nonce, was signed under the pinned root, is fresh, and
 * measures as the image the service pinned. A challenge is good for one document: a replayed document, even a
 * genuine one, finds its challenge already spent.
 */
public final class EnclaveAdmission {
    private static final int CHALLENGE_BYTES = 32;

    private final AttestationVerifier verifier;
    private final SecureRandom random = new SecureRandom();
    private final Set<Bytes> outstanding = ConcurrentHashMap.newKeySet();

    /**
     * @param verifier the verifier, configured with the trust anchor, the pinned PCRs and a maximum age
     */
    public EnclaveAdmission(AttestationVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /** A fresh challenge, for the enclave to put in its attestation request as the nonce. */
    public byte[] challenge() {
        byte[] challenge = new byte[CHALLENGE_BYTES];
        random.nextBytes(challenge);
        outstanding.add(Bytes.of(challenge));
        return challenge;
    }

    /**
     * Admits the enclave that answered {@code challenge} with {@code document}.
     *
     * @throws DocumentRejectedException when the document fails verification; {@code reason()} says why
     * @throws IllegalStateException when the challenge was not issued here or was already spent
     */
    public AdmittedEnclave admit(byte[] challenge, byte[] document) throws DocumentRejectedException {
        if (!outstanding.remove(Bytes.of(challenge))) {
            throw new IllegalStateException(
                    "This challenge was not issued here or was already used; ask for a new one.");
        }
        VerifiedAttestation attestation = verifier.verify(document, Expectations.nonce(challenge));
        return new AdmittedEnclave(attestation.moduleId(), attestation.publicKey().orElse(null),
                attestation.timestamp());
    }
}
