package dev.nitroattest.secrets.enclave;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.nsm.Nsm;
import dev.nitroattest.nsm.NsmException;
import dev.nitroattest.nsm.NsmRequest;
import dev.nitroattest.secrets.RecipientKey;
import dev.nitroattest.secrets.SecretRefusedException;
import java.util.Objects;

/**
 * What an enclave application holds to receive secrets: an RSA {@link RecipientKey} made inside the enclave, and
 * the NSM that vouches for it. {@link #attestationDocument} asks the NSM for a document whose {@code public_key} is
 * this key, to send as KMS's {@code Recipient.AttestationDocument} or to a relying service; {@link #open} opens what
 * comes back. The private key never leaves the object; {@link #close()} destroys it.
 *
 * <p>A document carries one key, so one recipient serves any number of requests: ask for a new document (with a new
 * nonce where the other side wants one) per request, and keep the key for as long as the application runs, or make a
 * new recipient per secret when a leaked process memory image should reveal as little as possible.
 */
public final class AttestedRecipient implements AutoCloseable {
    private final Nsm nsm;
    private final RecipientKey key;

    private AttestedRecipient(Nsm nsm, RecipientKey key) {
        this.nsm = Objects.requireNonNull(nsm, "nsm");
        this.key = Objects.requireNonNull(key, "key");
    }

    /** A recipient with a fresh 2048-bit key, the size KMS documents, attested by this NSM. */
    public static AttestedRecipient create(Nsm nsm) {
        return new AttestedRecipient(nsm, RecipientKey.generate());
    }

    /** A recipient with a key of the caller's choosing (3072 or 4096 bits, or a seeded one in tests). */
    public static AttestedRecipient create(Nsm nsm, RecipientKey key) {
        return new AttestedRecipient(nsm, key);
    }

    /** The key's DER SubjectPublicKeyInfo: what each document this recipient asks for carries as public_key. */
    public Bytes publicKey() {
        return key.publicKey();
    }

    /**
     * A signed attestation document from the NSM carrying this recipient's public key.
     *
     * @param nonce the nonce the other side asked for, or null; KMS does not check it, a relying service should
     * @param userData data to bind to the document, or null
     * @throws NsmException if the NSM refuses or fails
     * @throws IllegalArgumentException if nonce or userData is over the NSM's 1024 bytes
     */
    public Bytes attestationDocument(byte[] nonce, byte[] userData) throws NsmException {
        return nsm.attestation(NsmRequest.Attestation.of(userData, nonce, key.publicKey().toByteArray()));
    }

    /**
     * Opens a secret sealed to this recipient in either form: KMS's {@code CiphertextForRecipient} (AES-256-CBC,
     * whose integrity rests on the channel, TLS to KMS) or the authenticated form. Use it for what comes from KMS.
     *
     * @throws SecretRefusedException if it is not an envelope this key opens; its reason says why
     * @throws IllegalStateException once closed
     */
    public byte[] open(byte[] sealed) throws SecretRefusedException {
        return key.open(sealed);
    }

    /**
     * Opens only the authenticated form (AES-256-GCM), refusing KMS's unauthenticated form on its content type alone
     * ({@code UNAUTHENTICATED_FORMAT}). Use it for what comes from a relying service that seals with
     * attestation-secrets' default, so that whoever carries the envelope cannot downgrade it to CBC and alter it.
     *
     * @throws SecretRefusedException if it is not an authenticated envelope this key opens; its reason says why
     * @throws IllegalStateException once closed
     */
    public byte[] openAuthenticated(byte[] sealed) throws SecretRefusedException {
        return key.openAuthenticated(sealed);
    }

    /**
     * Destroys the private key: later opens fail. The NSM stays open: it belongs to the caller. Java cannot wipe the
     * key's numbers; this drops the only reference to them.
     */
    @Override
    public void close() {
        key.destroy();
    }
}
