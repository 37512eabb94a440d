package dev.nitroattest.proxy.internal.enclave;

import dev.nitroattest.bytes.Bytes;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client asked to have in its document: a nonce, or none. A missing nonce is replaced by a fresh random one,
 * since a document without a nonce could be a replay. There is nothing else a client chooses: a document's public
 * key and user data are the enclave's (docs/protocol.md).
 */
public record AttestationFields(Optional<Bytes> nonce) {
    /** The NSM's limit for the nonce. */
    public static final int MAX_FIELD_BYTES = 1024;

    public AttestationFields {
        Objects.requireNonNull(nonce, "nonce");
    }
}
