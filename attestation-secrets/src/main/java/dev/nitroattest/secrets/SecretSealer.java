package dev.nitroattest.secrets;

import dev.nitroattest.attestation.Bytes;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.secrets.internal.AuthEnvelope;
import dev.nitroattest.secrets.internal.Cbc;
import dev.nitroattest.secrets.internal.Gcm;
import dev.nitroattest.secrets.internal.KeyTransRecipient;
import dev.nitroattest.secrets.internal.KmsEnvelope;
import dev.nitroattest.secrets.internal.Rsa;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.params.RSAKeyParameters;

/**
 * The relying service's side: seals a secret to the RSA key an enclave put in a verified attestation document, for
 * {@link RecipientKey} to open in the enclave. By default in the {@link SecretFormat#AUTHENTICATED authenticated
 * form} (CMS AuthEnvelopedData, AES-256-GCM), which an alteration anywhere makes unopenable; on request in
 * {@link SecretFormat#KMS KMS's form}, byte for byte what KMS returns as {@code CiphertextForRecipient}, for an
 * enclave that must open both in one code path (AES-256-CBC has no integrity: send it over an authenticated channel,
 * as KMS relies on TLS).
 *
 * <p>It takes a {@link VerifiedAttestation}, never unverified bytes: the key is only as trustworthy as the document
 * that vouches for it, and only a verified document says which enclave image holds the private key. Every envelope
 * has a fresh content key.
 */
public final class SecretSealer {
    /**
     * The longest secret sealed: 1 MiB. KMS seals at most 4 KiB; the limit keeps every length of either form within
     * the three length octets the opener reads.
     */
    public static final int MAX_SECRET_LENGTH = 1 << 20;

    private final SecureRandom random;

    private SecretSealer(SecureRandom random) {
        this.random = random;
    }

    /** A sealer drawing content keys, IVs and nonces from a fresh {@link SecureRandom}. */
    public static SecretSealer create() {
        return new SecretSealer(new SecureRandom());
    }

    /** A sealer drawing from this random source (tests use a seeded one). */
    public static SecretSealer withRandom(SecureRandom random) {
        return new SecretSealer(Objects.requireNonNull(random, "random"));
    }

    /**
     * Seals {@code secret} to the document's {@code public_key} in the {@link SecretFormat#AUTHENTICATED
     * authenticated form}, the one to use between our services and an enclave.
     *
     * @throws SecretRefusedException {@link SecretRefusal#NO_RECIPIENT_KEY} if the document has no public key, or one
     *     that is not an RSA SubjectPublicKeyInfo of 2048 to 4096 bits
     * @throws IllegalArgumentException if the secret is longer than {@link #MAX_SECRET_LENGTH}
     */
    public byte[] seal(VerifiedAttestation attestation, byte[] secret) throws SecretRefusedException {
        return seal(attestation, secret, SecretFormat.AUTHENTICATED);
    }

    /**
     * Seals {@code secret} to the document's {@code public_key} in the given format: {@link SecretFormat#KMS} only for
     * an enclave that opens KMS's bytes in the same code path and gets them over an authenticated channel.
     *
     * @throws SecretRefusedException {@link SecretRefusal#NO_RECIPIENT_KEY} if the document has no public key, or one
     *     that is not an RSA SubjectPublicKeyInfo of 2048 to 4096 bits
     * @throws IllegalArgumentException if the secret is longer than {@link #MAX_SECRET_LENGTH}
     */
    public byte[] seal(VerifiedAttestation attestation, byte[] secret, SecretFormat format)
            throws SecretRefusedException {
        Objects.requireNonNull(format, "format");
        Bytes publicKey = attestation.publicKey().orElseThrow(() -> new SecretRefusedException(
                SecretRefusal.NO_RECIPIENT_KEY, "The verified document carries no public_key to seal to."));
        return seal(publicKey.toByteArray(), secret, format);
    }

    byte[] seal(byte[] subjectPublicKeyInfo, byte[] secret, SecretFormat format) throws SecretRefusedException {
        Objects.requireNonNull(secret, "secret");
        if (secret.length > MAX_SECRET_LENGTH) {
            throw new IllegalArgumentException("A secret has at most " + MAX_SECRET_LENGTH + " bytes, not "
                    + secret.length + ".");
        }
        RSAKeyParameters key = Rsa.publicKey(subjectPublicKeyInfo);
        if (key == null) {
            throw new SecretRefusedException(SecretRefusal.NO_RECIPIENT_KEY, "The document's public_key is not an RSA "
                    + "SubjectPublicKeyInfo of 2048 to 4096 bits, the keys KMS's recipients use.");
        }
        byte[] contentKey = new byte[Rsa.CONTENT_KEY_LENGTH];
        random.nextBytes(contentKey);
        try {
            byte[] keyId = RecipientKey.sha256(subjectPublicKeyInfo);
            return switch (format) {
                case AUTHENTICATED -> {
                    // Random 12-byte nonces are capped at 2^32 messages per key (NIST SP 800-38D) because a repeated
                    // (key, nonce) pair breaks GCM; each content key here seals one message, so none can repeat.
                    byte[] nonce = new byte[Gcm.NONCE_LENGTH];
                    random.nextBytes(nonce);
                    Gcm.Sealed sealed = Gcm.seal(contentKey, nonce, secret);
                    KeyTransRecipient recipient = new KeyTransRecipient(keyId, Rsa.wrap(key, contentKey, random));
                    yield new AuthEnvelope(recipient, nonce, sealed.ciphertext(), sealed.tag()).encode();
                }
                case KMS -> {
                    byte[] iv = new byte[Cbc.IV_LENGTH];
                    random.nextBytes(iv);
                    byte[] encrypted = Cbc.encrypt(contentKey, iv, secret);
                    KeyTransRecipient recipient = new KeyTransRecipient(keyId, Rsa.wrap(key, contentKey, random));
                    yield new KmsEnvelope(recipient, iv, encrypted).encode();
                }
            };
        } finally {
            Arrays.fill(contentKey, (byte) 0);
        }
    }
}
