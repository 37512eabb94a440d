package dev.nitroattest.secrets;

import dev.nitroattest.attestation.Bytes;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.secrets.internal.KmsEnvelope;
import dev.nitroattest.secrets.internal.Rsa;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.params.RSAKeyParameters;

/**
 * The relying service's side: seals a secret to the RSA key an enclave put in a verified attestation document, in
 * exactly the format KMS returns as {@code CiphertextForRecipient}, so that one code path in the enclave
 * ({@link RecipientKey#open}) opens secrets from KMS and from our services.
 *
 * <p>It takes a {@link VerifiedAttestation}, never unverified bytes: the key is only as trustworthy as the document
 * that vouches for it, and only a verified document says which enclave image holds the private key. AES-256-CBC has
 * no integrity of its own: send the envelope over an authenticated channel (TLS), as KMS does.
 */
public final class SecretSealer {
    private final SecureRandom random;

    private SecretSealer(SecureRandom random) {
        this.random = random;
    }

    /** A sealer drawing content keys and IVs from a fresh {@link SecureRandom}. */
    public static SecretSealer create() {
        return new SecretSealer(new SecureRandom());
    }

    /** A sealer drawing from this random source (tests use a seeded one). */
    public static SecretSealer withRandom(SecureRandom random) {
        return new SecretSealer(Objects.requireNonNull(random, "random"));
    }

    /**
     * Seals {@code secret} to the document's {@code public_key}.
     *
     * @throws SecretRefusedException {@link SecretRefusal#NO_RECIPIENT_KEY} if the document has no public key, or one
     *     that is not an RSA SubjectPublicKeyInfo of 2048 to 4096 bits
     */
    public byte[] seal(VerifiedAttestation attestation, byte[] secret) throws SecretRefusedException {
        return seal(attestation, secret, SecretFormat.KMS);
    }

    /**
     * Seals {@code secret} to the document's {@code public_key} in the given format.
     *
     * @throws SecretRefusedException {@link SecretRefusal#NO_RECIPIENT_KEY} if the document has no public key, or one
     *     that is not an RSA SubjectPublicKeyInfo of 2048 to 4096 bits
     */
    public byte[] seal(VerifiedAttestation attestation, byte[] secret, SecretFormat format)
            throws SecretRefusedException {
        Objects.requireNonNull(format, "format");
        Bytes publicKey = attestation.publicKey().orElseThrow(() -> new SecretRefusedException(
                SecretRefusal.NO_RECIPIENT_KEY, "The verified document carries no public_key to seal to."));
        return seal(publicKey.toByteArray(), secret);
    }

    byte[] seal(byte[] subjectPublicKeyInfo, byte[] secret) throws SecretRefusedException {
        Objects.requireNonNull(secret, "secret");
        RSAKeyParameters key = Rsa.publicKey(subjectPublicKeyInfo);
        if (key == null) {
            throw new SecretRefusedException(SecretRefusal.NO_RECIPIENT_KEY, "The document's public_key is not an RSA "
                    + "SubjectPublicKeyInfo of 2048 to 4096 bits, the keys KMS's recipients use.");
        }
        byte[] contentKey = new byte[Rsa.CONTENT_KEY_LENGTH];
        byte[] iv = new byte[16];
        random.nextBytes(contentKey);
        random.nextBytes(iv);
        try {
            byte[] encrypted = Rsa.encryptContent(contentKey, iv, secret);
            byte[] wrapped = Rsa.wrap(key, contentKey, random);
            return new KmsEnvelope(RecipientKey.sha256(subjectPublicKeyInfo), wrapped, iv, encrypted).encode();
        } finally {
            Arrays.fill(contentKey, (byte) 0);
        }
    }
}
