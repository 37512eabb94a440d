package dev.nitroattest.secrets;

import dev.nitroattest.attestation.Bytes;
import dev.nitroattest.secrets.internal.AuthEnvelope;
import dev.nitroattest.secrets.internal.Cbc;
import dev.nitroattest.secrets.internal.ContentType;
import dev.nitroattest.secrets.internal.EnvelopeFault;
import dev.nitroattest.secrets.internal.Gcm;
import dev.nitroattest.secrets.internal.KeyTransRecipient;
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
 * comes back. The private key never leaves this object; {@link #destroy()} drops it.
 *
 * <p>Two ways to open, by what the enclave talks to. {@link #open} takes both {@link SecretFormat forms}: KMS's
 * {@code CiphertextForRecipient} and the authenticated form our services write by default, so one code path serves
 * both. {@link #openAuthenticated} takes only the authenticated form: an enclave that gets secrets from our services
 * alone should use it, so that nobody on the channel can hand it a CBC envelope instead (AES-256-CBC has no
 * integrity; an altered envelope may open to other bytes rather than be refused). Anything outside the forms'
 * profiles is refused with a {@link SecretRefusal}.
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
     * Opens an envelope of either form, a {@code CiphertextForRecipient} from KMS or an envelope a relying service
     * sealed with {@link SecretSealer}, and returns the secret. The form is the one the envelope's content type
     * names. Accepting KMS's form means accepting an envelope without integrity: where the secrets come only from
     * our services, use {@link #openAuthenticated}.
     *
     * @throws SecretRefusedException if it is neither form's profile, not for this key, or does not decrypt
     * @throws IllegalStateException once the key is destroyed
     */
    public byte[] open(byte[] envelope) throws SecretRefusedException {
        return open(envelope, true);
    }

    /**
     * Opens only the authenticated form ({@link SecretFormat#AUTHENTICATED}) and returns the secret; KMS's form is
     * refused with {@link SecretRefusal#UNAUTHENTICATED_FORMAT} before anything else in it is read, so that an
     * attacker on the channel cannot downgrade the enclave to AES-256-CBC.
     *
     * @throws SecretRefusedException if it is not the authenticated form's profile, not for this key, or does not
     *     authenticate
     * @throws IllegalStateException once the key is destroyed
     */
    public byte[] openAuthenticated(byte[] envelope) throws SecretRefusedException {
        return open(envelope, false);
    }

    private byte[] open(byte[] envelope, boolean kmsFormAccepted) throws SecretRefusedException {
        RSAPrivateCrtKeyParameters key = privateKey;
        if (key == null) {
            throw new IllegalStateException("This recipient key has been destroyed.");
        }
        try {
            ContentType type = ContentType.of(envelope);
            if (type == ContentType.AUTH_ENVELOPED_DATA) {
                return openGcm(key, AuthEnvelope.parse(envelope));
            }
            if (!kmsFormAccepted) {
                throw new SecretRefusedException(SecretRefusal.UNAUTHENTICATED_FORMAT, "The envelope is KMS's "
                        + "AES-256-CBC form, which has no integrity; only the authenticated form is accepted here.");
            }
            return openCbc(key, KmsEnvelope.parse(envelope));
        } catch (EnvelopeFault fault) {
            throw new SecretRefusedException(switch (fault.kind()) {
                case MALFORMED -> SecretRefusal.MALFORMED;
                case UNSUPPORTED -> SecretRefusal.UNSUPPORTED_ALGORITHM;
                case RECIPIENTS -> SecretRefusal.NOT_ONE_RECIPIENT;
                case TAG -> SecretRefusal.AUTHENTICATION_FAILED;
            }, fault.getMessage());
        }
    }

    private byte[] openGcm(RSAPrivateCrtKeyParameters key, AuthEnvelope sealed) throws SecretRefusedException {
        return decrypt(key, sealed.recipient(),
                contentKey -> Gcm.open(contentKey, sealed.nonce(), sealed.encryptedContent(), sealed.tag()),
                SecretRefusal.AUTHENTICATION_FAILED,
                "The tag does not verify: the envelope was altered or sealed with another content key.");
    }

    private byte[] openCbc(RSAPrivateCrtKeyParameters key, KmsEnvelope sealed) throws SecretRefusedException {
        return decrypt(key, sealed.recipient(),
                contentKey -> Cbc.decrypt(contentKey, sealed.iv(), sealed.encryptedContent()),
                SecretRefusal.DECRYPTION_FAILED, "The content does not decrypt with the unwrapped key: its padding is "
                        + "wrong.");
    }

    /** A form's content decryption: the plaintext, or null when the content is refused. */
    private interface ContentDecryption {
        byte[] decrypt(byte[] contentKey);
    }

    /** Unwraps the content key, decrypts with it and wipes it; a null plaintext is {@code refusal}. */
    private byte[] decrypt(RSAPrivateCrtKeyParameters key, KeyTransRecipient recipient, ContentDecryption content,
            SecretRefusal refusal, String why) throws SecretRefusedException {
        byte[] contentKey = unwrap(key, recipient);
        try {
            byte[] secret = content.decrypt(contentKey);
            if (secret == null) {
                throw new SecretRefusedException(refusal, why);
            }
            return secret;
        } finally {
            wipe(contentKey);
        }
    }

    /** The 32-byte content key, once the envelope is known to be for this key and the key unwraps. */
    private byte[] unwrap(RSAPrivateCrtKeyParameters key, KeyTransRecipient recipient) throws SecretRefusedException {
        if (!MessageDigest.isEqual(recipient.keyId(), keyId)) {
            throw new SecretRefusedException(SecretRefusal.WRONG_RECIPIENT, "The envelope is for another key.");
        }
        byte[] contentKey = Rsa.unwrap(key, recipient.encryptedKey());
        if (contentKey == null || contentKey.length != Rsa.CONTENT_KEY_LENGTH) {
            wipe(contentKey);
            throw new SecretRefusedException(SecretRefusal.KEY_UNWRAP_FAILED,
                    "The content key does not unwrap with this key to 32 bytes.");
        }
        return contentKey;
    }

    /**
     * Drops the private key; later calls to {@link #open} and {@link #openAuthenticated} fail. Java cannot wipe the
     * key's BigIntegers.
     */
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
