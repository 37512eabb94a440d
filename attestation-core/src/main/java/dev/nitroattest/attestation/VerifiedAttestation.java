package dev.nitroattest.attestation;

import dev.nitroattest.attestation.internal.chain.ValidatedChain;
import dev.nitroattest.attestation.internal.crypto.Sha384;
import dev.nitroattest.bytes.Bytes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A document that passed every check: its chain leads to a pinned anchor, its signature verifies, and it
 * satisfies the verifier's policy and the caller's expectations. Immutable; byte fields are {@link Bytes}.
 */
public final class VerifiedAttestation {
    private final AttestationDocument document;
    private final ValidatedChain chain;
    /** The chain's public view, made on first request (most callers never ask); racing threads make equal lists. */
    private volatile List<CertificateInfo> certificateChain;
    private final Instant verificationTime;
    private final VerifierPolicy policy;
    /** Computed on first use: most callers never ask. A race computes the same value twice, which is harmless. */
    private Bytes replayKey;

    VerifiedAttestation(AttestationDocument document, ValidatedChain chain, Instant verificationTime,
            VerifierPolicy policy) {
        this.document = document;
        this.chain = chain;
        this.verificationTime = verificationTime;
        this.policy = policy;
    }

    /**
     * The policy the document passed: which PCRs the verifier pinned, whether that pins the image, and whether it
     * accepted debug enclaves. A document from a verifier that accepted any image says only that some enclave made
     * it, not which code.
     *
     * @return the verifier's policy
     */
    public VerifierPolicy policy() {
        return policy;
    }

    /**
     * Whether the document came from an enclave or a NitroTPM.
     *
     * @return the kind the verifier accepted
     */
    public DocumentKind kind() {
        return document.kind();
    }

    /**
     * The NSM's module_id: which instance and enclave the document comes from.
     *
     * @return the module id
     */
    public String moduleId() {
        return document.moduleId();
    }

    /**
     * The digest field: the hash the PCRs use, always SHA384.
     *
     * @return the digest name
     */
    public String digest() {
        return document.digest();
    }

    /**
     * When the NSM signed the document.
     *
     * @return the instant
     */
    public Instant timestamp() {
        return document.timestamp();
    }

    /**
     * The document's PCRs (for a NitroTPM document, its nitrotpm_pcrs).
     *
     * @return the PCRs
     */
    public Pcrs pcrs() {
        return document.pcrs();
    }

    /**
     * The public_key field the enclave put in, authenticated by the signature.
     *
     * @return the key, or empty
     */
    public Optional<Bytes> publicKey() {
        return wrapped(document.decodedPayload().publicKey());
    }

    /**
     * The user_data field the enclave put in, authenticated by the signature.
     *
     * @return the bytes, or empty
     */
    public Optional<Bytes> userData() {
        return wrapped(document.decodedPayload().userData());
    }

    /**
     * The nonce field, authenticated by the signature.
     *
     * @return the nonce, or empty
     */
    public Optional<Bytes> nonce() {
        return wrapped(document.decodedPayload().nonce());
    }

    /**
     * An identity of the signed content that no re-encoding can change: the SHA-384 of the COSE payload bytes,
     * which the signature covers exactly. The envelope around them can be re-encoded while the signature still
     * verifies (a tag or none, another CBOR form of the array or headers, and ECDSA's s replaced by n - s), so a
     * hash of the whole document is not an identity: a cache of documents already seen, to refuse replays, must
     * key on this, or better on the nonce the service chose.
     *
     * @return 48 bytes
     */
    public Bytes replayKey() {
        Bytes key = replayKey;
        if (key == null) {
            key = Bytes.of(sha384(document.envelope().payload()));
            replayKey = key;
        }
        return key;
    }

    private static byte[] sha384(byte[] bytes) {
        return Sha384.digest(bytes, 0, bytes.length);
    }

    /** Payload keys this library does not know, with each value's raw CBOR encoding. */
    public Map<String, Bytes> unknownFields() {
        return document.unknownFields();
    }

    /** The internal chain, which documents under the same certificates share; for tests of the cache. */
    ValidatedChain chain() {
        return chain;
    }

    /** The validated chain: the document's leaf certificate first, the pinned trust anchor last. */
    public List<CertificateInfo> certificateChain() {
        List<CertificateInfo> certificates = certificateChain;
        if (certificates == null) {
            certificates = chain.certificates().stream().map(CertificateInfo::of).toList();
            certificateChain = certificates;
        }
        return certificates;
    }

    /** Whether the document came from a debug-mode enclave (possible only with allowDebugEnclaves()). */
    public boolean isDebugEnclave() {
        return document.isDebugEnclave();
    }

    /** The instant at which the chain and the document's freshness were checked. */
    public Instant verificationTime() {
        return verificationTime;
    }

    /** The document as parsed. */
    public AttestationDocument document() {
        return document;
    }

    private static Optional<Bytes> wrapped(byte[] value) {
        return value == null ? Optional.empty() : Optional.of(Bytes.of(value));
    }

    @Override
    public String toString() {
        return "VerifiedAttestation[" + kind() + ", module_id=" + moduleId() + ", timestamp=" + timestamp()
                + ", verified at " + verificationTime + "]";
    }
}
