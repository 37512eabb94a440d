package dev.nitroattest.proxy.internal.enclave;

import dev.nitroattest.attestation.Bytes;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client asked to have in its document; each field optional. A missing nonce is replaced by a fresh random
 * one, since a document without a nonce could be a replay.
 */
public record AttestationFields(Optional<Bytes> nonce, Optional<Bytes> userData, Optional<Bytes> publicKey) {
    /** The NSM's limit for each field. */
    public static final int MAX_FIELD_BYTES = 1024;

    public AttestationFields {
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(userData, "userData");
        Objects.requireNonNull(publicKey, "publicKey");
    }
}
