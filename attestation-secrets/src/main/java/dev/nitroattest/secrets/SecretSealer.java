package dev.nitroattest.secrets;

import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.attestation.VerifierPolicy;
import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.secrets.internal.AuthEnvelope;
import dev.nitroattest.secrets.internal.Cbc;
import dev.nitroattest.secrets.internal.Gcm;
import dev.nitroattest.secrets.internal.KeyTransRecipient;
import dev.nitroattest.secrets.internal.KmsEnvelope;
import dev.nitroattest.secrets.internal.Rsa;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;
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
 *
 * <p>It also looks at the policy the document passed ({@link VerifiedAttestation#policy()}). A verifier that accepted
 * any enclave image (or pinned none of PCR0, 1, 2 or 8) says only that some enclave made the key, which may be one the
 * parent runs for the purpose; one that accepted debug enclaves lets anyone who can start an enclave read the
 * secret. Such documents are refused ({@link SecretRefusal#IMAGE_NOT_PINNED},
 * {@link SecretRefusal#DEBUG_ENCLAVES_ALLOWED}) unless the sealer is told by name: {@link #allowAnyEnclaveImage()},
 * {@link #allowDebugEnclaves()}, for development, or for a recipient such as KMS whose own policy decides.
 */
public final class SecretSealer {
    /**
     * The longest secret sealed: 1 MiB. KMS seals at most 4 KiB; the limit keeps every length of either form within
     * the three length octets the opener reads.
     */
    public static final int MAX_SECRET_LENGTH = 1 << 20;

    private final SecureRandom random;
    private final boolean anyEnclaveImage;
    private final boolean debugEnclaves;

    private SecretSealer(SecureRandom random, boolean anyEnclaveImage, boolean debugEnclaves) {
        this.random = random;
        this.anyEnclaveImage = anyEnclaveImage;
        this.debugEnclaves = debugEnclaves;
    }

    /** A sealer drawing content keys, IVs and nonces from a fresh {@link SecureRandom}. */
    public static SecretSealer create() {
        return new SecretSealer(new SecureRandom(), false, false);
    }

    /** A sealer drawing from this random source (tests use a seeded one). */
    public static SecretSealer withRandom(SecureRandom random) {
        return new SecretSealer(Objects.requireNonNull(random, "random"), false, false);
    }

    /**
     * A sealer like this one that also seals to documents whose verifier did not pin the image (it accepted any
     * enclave image, or pinned none of PCR0, 1, 2 or 8). The secret then goes to whatever enclave made the key; use
     * it only where something else decides which image may have it (KMS's key policy, say), or in development.
     *
     * @return a new sealer; this one is unchanged
     */
    public SecretSealer allowAnyEnclaveImage() {
        return new SecretSealer(random, true, debugEnclaves);
    }

    /**
     * A sealer like this one that also seals to documents whose verifier accepted debug-mode enclaves, whose memory
     * the parent can read and which anyone can run with any code. For development only.
     *
     * @return a new sealer; this one is unchanged
     */
    public SecretSealer allowDebugEnclaves() {
        return new SecretSealer(random, anyEnclaveImage, true);
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
     *     that is not an RSA SubjectPublicKeyInfo of 2048 to 4096 bits; {@link SecretRefusal#IMAGE_NOT_PINNED} or
     *     {@link SecretRefusal#DEBUG_ENCLAVES_ALLOWED} if its verifier's policy was not strict enough and this sealer
     *     was not told to allow it
     * @throws IllegalArgumentException if the secret is longer than {@link #MAX_SECRET_LENGTH}
     */
    public byte[] seal(VerifiedAttestation attestation, byte[] secret, SecretFormat format)
            throws SecretRefusedException {
        Objects.requireNonNull(format, "format");
        checkPolicy(attestation.policy());
        Bytes publicKey = attestation.publicKey().orElseThrow(() -> new SecretRefusedException(
                SecretRefusal.NO_RECIPIENT_KEY, "The verified document carries no public_key to seal to."));
        return seal(publicKey.toByteArray(), secret, format);
    }

    private void checkPolicy(VerifierPolicy policy) throws SecretRefusedException {
        if (!policy.imagePinned() && !anyEnclaveImage) {
            throw new SecretRefusedException(SecretRefusal.IMAGE_NOT_PINNED, (policy.anyEnclaveImage()
                    ? "The document was verified with acceptAnyEnclaveImage()"
                    : "The document was verified with pins of " + policy.pinnedPcrs().stream()
                            .map(index -> "PCR" + index).collect(Collectors.joining(", ")) + " only")
                    + ", which does not say which image holds the key; verify with PCR0, 1, 2 or 8 pinned, or call "
                    + "allowAnyEnclaveImage() on the sealer if something else decides.");
        }
        if (policy.debugEnclavesAllowed() && !debugEnclaves) {
            throw new SecretRefusedException(SecretRefusal.DEBUG_ENCLAVES_ALLOWED, "The document was verified with "
                    + "allowDebugEnclaves(), and anyone can run a debug enclave; verify without it, or call "
                    + "allowDebugEnclaves() on the sealer in development.");
        }
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
