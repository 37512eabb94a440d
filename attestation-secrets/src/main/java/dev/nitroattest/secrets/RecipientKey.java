package dev.nitroattest.secrets;

import dev.nitroattest.attestation.Bytes;
import dev.nitroattest.secrets.internal.EnvelopeFault;
import dev.nitroattest.secrets.internal.KmsEnvelope;
import dev.nitroattest.secrets.internal.Rsa;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;

/**
 * The enclave's side of a secret: an RSA key pair made inside the enclave, whose public key goes into the
 * attestation document's {@code public_key} (so that KMS, or a relying service, seals to it), and which opens what
 * comes back. The private key never leaves this object; {@link #destroy()} drops it. Opening refuses anything but
 * the KMS profile (one recipient, this key, RSAES-OAEP-SHA-256, AES-256-CBC) with a {@link SecretRefusal}.
 *
 * <p>AES-256-CBC has no integrity: an envelope altered in transit may open to garbage rather than be refused. KMS
 * relies on TLS for that, and so must a channel that carries these envelopes.
 */
public final class RecipientKey {
    private final byte[] subjectPublicKeyInfo;
    private final byte[] keyId;
    private volatile RSAPrivateCrtKeyParameters privateKey;

    private RecipientKey(AsymmetricCipherKeyPair pair) {
        this.subjectPublicKeyInfo = Rsa.subjectPublicKeyInfo((RSAKeyParameters) pair.getPublic());
        this.keyId = sha256(subjectPublicKeyInfo);
        this.privateKey = (RSAPrivateCrtKeyParameters) pair.getPrivate();
    }

    /** A fresh 2048-bit key, the size KMS documents for recipients. */
    public static RecipientKey generate() {
        return generate(2048, new SecureRandom());
    }

    /** A fresh key of 2048, 3072 or 4096 bits. */
    public static RecipientKey generate(int bits, SecureRandom random) {
        if (bits != 2048 && bits != 3072 && bits != 4096) {
            throw new IllegalArgumentException("A recipient key has 2048, 3072 or 4096 bits, not " + bits + ".");
        }
        return new RecipientKey(Rsa.generate(bits, random));
    }

    /** The public key as DER SubjectPublicKeyInfo: what the attestation request's {@code public_key} carries. */
    public Bytes publicKey() {
        return Bytes.of(subjectPublicKeyInfo);
    }

    /**
     * Opens a {@code CiphertextForRecipient} from KMS, or an envelope a relying service sealed with
     * {@link SecretSealer}, and returns the secret.
     *
     * @throws SecretRefusedException if it is not the KMS profile, not for this key, or does not decrypt
     * @throws IllegalStateException once the key is destroyed
     */
    public byte[] open(byte[] ciphertextForRecipient) throws SecretRefusedException {
        RSAPrivateCrtKeyParameters key = privateKey;
        if (key == null) {
            throw new IllegalStateException("This recipient key has been destroyed.");
        }
        KmsEnvelope envelope;
        try {
            envelope = KmsEnvelope.parse(ciphertextForRecipient);
        } catch (EnvelopeFault fault) {
            throw new SecretRefusedException(switch (fault.kind()) {
                case MALFORMED -> SecretRefusal.MALFORMED;
                case UNSUPPORTED -> SecretRefusal.UNSUPPORTED_ALGORITHM;
                case RECIPIENTS -> SecretRefusal.NOT_ONE_RECIPIENT;
            }, fault.getMessage());
        }
        if (!MessageDigest.isEqual(envelope.recipientKeyId(), keyId)) {
            throw new SecretRefusedException(SecretRefusal.WRONG_RECIPIENT, "The envelope is for another key.");
        }
        byte[] contentKey = Rsa.unwrap(key, envelope.encryptedKey());
        if (contentKey == null || contentKey.length != Rsa.CONTENT_KEY_LENGTH) {
            wipe(contentKey);
            throw new SecretRefusedException(SecretRefusal.KEY_UNWRAP_FAILED,
                    "The content key does not unwrap with this key to 32 bytes.");
        }
        try {
            byte[] secret = Rsa.decryptContent(contentKey, envelope.iv(), envelope.encryptedContent());
            if (secret == null) {
                throw new SecretRefusedException(SecretRefusal.DECRYPTION_FAILED,
                        "The content does not decrypt with the unwrapped key: its padding is wrong.");
            }
            return secret;
        } finally {
            wipe(contentKey);
        }
    }

    /** Drops the private key; later calls to {@link #open} fail. Java cannot wipe the key's BigIntegers. */
    public void destroy() {
        privateKey = null;
    }

    private static void wipe(byte[] bytes) {
        if (bytes != null) {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
