package dev.nitroattest.secrets;

import dev.nitroattest.bytes.Bytes;
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
import java.util.Objects;
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
 *
 * <p>What an application does with a refusal: an envelope that is refused for not decrypting
 * ({@link SecretRefusal#DECRYPTION_FAILED}, {@link SecretRefusal#AUTHENTICATION_FAILED},
 * {@link SecretRefusal#KEY_UNWRAP_FAILED}) was altered or forged. Stop using that envelope and its wrapped key (ask
 * KMS or the service for a fresh one), do not retry it, and answer whoever sent it the same way whatever the reason:
 * an application that lets a sender tell bad CBC padding from other outcomes is a padding oracle for KMS's form.
 *
 * <p>The private operation is blinded with a random factor per operation, so its time says nothing about the
 * envelope. Wiping is best effort: the content key is wiped once used, but Bouncy Castle copies it into the cipher's
 * key schedule, and the private key's {@link java.math.BigInteger}s cannot be wiped at all; {@link #destroy()} drops
 * the references and the garbage collector frees the memory in its own time.
 */
public final class RecipientKey {
    private static final String CBC_REFUSED = "The envelope does not decrypt with this key (its content key does not "
            + "unwrap, or its content does not decrypt with it); it was altered or forged, so stop using it and its "
            + "wrapped key.";

    /**
     * The longest envelope opened: a {@link SecretSealer#MAX_SECRET_LENGTH} secret plus 64 KiB, far more than either
     * form's structure, a 4096-bit wrapped key and KMS's 1000-byte BER chunks (4 bytes of header each) add. Longer
     * input is refused with {@link SecretRefusal#TOO_LARGE} before any of it is parsed.
     */
    public static final int MAX_ENVELOPE_LENGTH = SecretSealer.MAX_SECRET_LENGTH + (64 << 10);

    private final byte[] subjectPublicKeyInfo;
    private final byte[] keyId;
    private final SecureRandom random;
    private volatile RSAPrivateCrtKeyParameters privateKey;

    private RecipientKey(AsymmetricCipherKeyPair pair, SecureRandom random) {
        this.subjectPublicKeyInfo = Rsa.subjectPublicKeyInfo((RSAKeyParameters) pair.getPublic());
        this.keyId = sha256(subjectPublicKeyInfo);
        this.random = random;
        this.privateKey = (RSAPrivateCrtKeyParameters) pair.getPrivate();
    }

    /** A fresh 2048-bit key, the size KMS documents for recipients. */
    public static RecipientKey generate() {
        return generate(2048, new SecureRandom());
    }

    /**
     * A fresh key of 2048, 3072 or 4096 bits.
     *
     * @param random draws the key, then the blinding factor of each private operation
     */
    public static RecipientKey generate(int bits, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        if (bits != 2048 && bits != 3072 && bits != 4096) {
            throw new IllegalArgumentException("A recipient key has 2048, 3072 or 4096 bits, not " + bits + ".");
        }
        return new RecipientKey(Rsa.generate(bits, random), random);
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
     * <p>A KMS-form envelope whose content key does not unwrap and one whose content does not decrypt with it are
     * refused alike, with {@link SecretRefusal#DECRYPTION_FAILED}, the same message and the same work (content
     * decrypted with a random key when the wrapped one does not unwrap): a caller that sees the outcome cannot use it
     * as a padding oracle.
     *
     * @throws SecretRefusedException if it is longer than {@link #MAX_ENVELOPE_LENGTH}, neither form's profile, not
     *     for this key, or does not decrypt
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
     * @throws SecretRefusedException if it is longer than {@link #MAX_ENVELOPE_LENGTH}, not the authenticated form's
     *     profile, not for this key, or does not authenticate
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
        Objects.requireNonNull(envelope, "envelope");
        if (envelope.length > MAX_ENVELOPE_LENGTH) {
            throw new SecretRefusedException(SecretRefusal.TOO_LARGE, "The envelope has " + envelope.length
                    + " bytes, more than the " + MAX_ENVELOPE_LENGTH + " a sealed secret of at most "
                    + SecretSealer.MAX_SECRET_LENGTH + " bytes takes; it was not parsed.");
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
        byte[] contentKey = unwrap(key, sealed.recipient());
        if (contentKey == null) {
            throw new SecretRefusedException(SecretRefusal.KEY_UNWRAP_FAILED,
                    "The content key does not unwrap with this key to 32 bytes.");
        }
        try {
            byte[] secret = Gcm.open(contentKey, sealed.nonce(), sealed.encryptedContent(), sealed.tag());
            if (secret == null) {
                throw new SecretRefusedException(SecretRefusal.AUTHENTICATION_FAILED,
                        "The tag does not verify: the envelope was altered or sealed with another content key.");
            }
            return secret;
        } finally {
            wipe(contentKey);
        }
    }

    /**
     * KMS's form has no integrity, so a refusal must not say which step failed: a key that does not unwrap is
     * refused as content that does not decrypt, after decrypting the content with a random key, so that neither the
     * reason, the message nor the work done tells them apart.
     */
    private byte[] openCbc(RSAPrivateCrtKeyParameters key, KmsEnvelope sealed) throws SecretRefusedException {
        byte[] unwrapped = unwrap(key, sealed.recipient());
        byte[] contentKey = unwrapped;
        if (contentKey == null) {
            contentKey = new byte[Rsa.CONTENT_KEY_LENGTH];
            random.nextBytes(contentKey);
        }
        try {
            byte[] secret = Cbc.decrypt(contentKey, sealed.iv(), sealed.encryptedContent());
            if (unwrapped == null || secret == null) {
                wipe(secret);
                throw new SecretRefusedException(SecretRefusal.DECRYPTION_FAILED, CBC_REFUSED);
            }
            return secret;
        } finally {
            wipe(contentKey);
        }
    }

    /**
     * The 32-byte content key once the envelope is known to be for this key, or null when it does not unwrap to one.
     */
    private byte[] unwrap(RSAPrivateCrtKeyParameters key, KeyTransRecipient recipient) throws SecretRefusedException {
        if (!MessageDigest.isEqual(recipient.keyId(), keyId)) {
            throw new SecretRefusedException(SecretRefusal.WRONG_RECIPIENT, "The envelope is for another key.");
        }
        byte[] contentKey = Rsa.unwrap(key, recipient.encryptedKey(), random);
        if (contentKey == null || contentKey.length != Rsa.CONTENT_KEY_LENGTH) {
            wipe(contentKey);
            return null;
        }
        return contentKey;
    }

    /**
     * Drops the private key; later calls to {@link #open} and {@link #openAuthenticated} fail. Best effort only: Java
     * cannot wipe the key's BigIntegers, nor the copies Bouncy Castle made of them; the memory is freed when the
     * garbage collector reclaims it.
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
