package dev.nitroattest.kms.emulated;

import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.kms.emulated.internal.CiphertextBlob;
import dev.nitroattest.secrets.SecretFormat;
import dev.nitroattest.secrets.SecretRefusedException;
import dev.nitroattest.secrets.SecretSealer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A KMS-shaped recipient for tests and development: symmetric keys with key policies on KMS's Nitro Enclaves
 * condition keys, and the operations an enclave calls with a {@code Recipient} (Decrypt, GenerateDataKey,
 * GenerateRandom), plus Encrypt to make ciphertexts. With a recipient it does what KMS documents: it verifies the
 * attestation document (signature, chain to its trust anchor, format; never the nonce, which KMS does not check),
 * checks the key's {@link RecipientConditions} against the document's PCRs, and answers with {@code
 * CiphertextForRecipient} in KMS's format (attestation-secrets' {@code KMS} form), sealed to the document's RSA key,
 * instead of the plaintext. It refuses as KMS does: {@link KmsError#ACCESS_DENIED} for a policy mismatch or a
 * missing document.
 *
 * <p>What KMS does not document, the emulator decides and says: a document older than {@link Builder#maxDocumentAge}
 * (default 5 minutes) or one that does not verify is {@link KmsError#VALIDATION}. Debug enclaves' documents verify,
 * as at KMS, where only the policy (their PCRs are zero) keeps them out. It authenticates no caller: anyone who
 * reaches it may call it, so it listens on 127.0.0.1 only. It is thread-safe.
 */
public final class EmulatedKms {
    /** KMS's limit on Encrypt's plaintext. */
    static final int MAX_PLAINTEXT = 4096;
    /** KMS's limit on GenerateDataKey's and GenerateRandom's NumberOfBytes. */
    static final int MAX_GENERATED = 1024;
    /** KMS's limit on RecipientInfo.AttestationDocument. */
    static final int MAX_DOCUMENT = 262_144;

    private record Key(String id, String arn, String alias, byte[] material, RecipientConditions conditions) {}

    private final Map<String, Key> keysByName;
    private final AttestationVerifier verifier;
    private final SecureRandom random;
    private final SecretSealer sealer;

    private EmulatedKms(Builder builder) {
        this.random = builder.random;
        // As KMS: the document only has to be authentic; each key's policy (ImageSha384, PCR conditions) decides which
        // image may have the secret, so the sealer is told that the verifier pins nothing itself.
        this.sealer = SecretSealer.withRandom(random).allowAnyEnclaveImage().allowDebugEnclaves();
        this.verifier = AttestationVerifier.builder().trustAnchors(builder.trustAnchor).acceptAnyEnclaveImage()
                .allowDebugEnclaves().clock(builder.clock).maxAge(builder.maxDocumentAge)
                .maxDocumentSize(MAX_DOCUMENT).build();
        Map<String, Key> byName = new LinkedHashMap<>();
        for (Map.Entry<String, RecipientConditions> declared : builder.keys.entrySet()) {
            String id = new UUID(random.nextLong(), random.nextLong()).toString();
            String arnPrefix = "arn:aws:kms:" + builder.region + ":" + builder.account + ":";
            byte[] material = new byte[32];
            random.nextBytes(material);
            Key key = new Key(id, arnPrefix + "key/" + id, declared.getKey(), material, declared.getValue());
            byName.put(id, key);
            byName.put(key.arn(), key);
            byName.put(declared.getKey(), key);
            byName.put(arnPrefix + declared.getKey(), key);
        }
        this.keysByName = Map.copyOf(byName);
    }

    /**
     * Starts describing an emulated KMS whose recipients' documents must chain to {@code trustAnchor}: the emulated
     * NSM's root in development, where KMS trusts the AWS Nitro Enclaves root.
     */
    public static Builder builder(TrustAnchor trustAnchor) {
        return new Builder(trustAnchor);
    }

    /**
     * The ARN of a key, by its id, ARN, alias ({@code alias/name}) or alias ARN.
     *
     * @throws KmsErrorException {@link KmsError#NOT_FOUND} for no such key
     */
    public String keyArn(String keyId) throws KmsErrorException {
        return key(keyId).arn();
    }

    /**
     * Encrypt: seals up to 4096 bytes under a key, bound to an encryption context. It takes no recipient, and no key
     * policy condition applies: it stands for the administrator's call that made the secret.
     *
     * @throws KmsErrorException for no such key or a plaintext of 0 or over 4096 bytes
     */
    public Released encrypt(String keyId, byte[] plaintext, Map<String, String> context) throws KmsErrorException {
        Key key = key(keyId);
        if (plaintext.length == 0 || plaintext.length > MAX_PLAINTEXT) {
            throw new KmsErrorException(KmsError.VALIDATION, "Plaintext must be 1 to " + MAX_PLAINTEXT + " bytes; "
                    + plaintext.length + " were given.");
        }
        byte[] blob = CiphertextBlob.seal(key.id(), key.material(), plaintext, context, random);
        return new Released(Optional.of(key.arn()), Optional.of(Bytes.of(blob)), Optional.empty(),
                Optional.empty());
    }

    /**
     * Decrypt: opens a ciphertext blob and releases the plaintext, to the recipient when there is one.
     *
     * @param keyId the key the caller expects the blob to be under, or empty
     * @throws KmsErrorException {@link KmsError#INVALID_CIPHERTEXT} for a blob this KMS did not make, altered or under
     *     another context; {@link KmsError#INCORRECT_KEY} when it is under another key than {@code keyId}; {@link
     *     KmsError#VALIDATION} and {@link KmsError#ACCESS_DENIED} for the recipient, as {@link #release} says
     */
    public Released decrypt(byte[] ciphertextBlob, Optional<String> keyId, Map<String, String> context,
            Optional<Recipient> recipient) throws KmsErrorException {
        Optional<VerifiedAttestation> attestation = verify(recipient);
        String named = CiphertextBlob.keyId(ciphertextBlob).orElseThrow(() -> new KmsErrorException(
                KmsError.INVALID_CIPHERTEXT, "The ciphertext blob was not made by this KMS."));
        Key key = keysByName.get(named);
        if (key == null || !key.id().equals(named)) {
            throw new KmsErrorException(KmsError.INVALID_CIPHERTEXT, "The ciphertext blob names no key of this KMS.");
        }
        if (keyId.isPresent() && key(keyId.get()) != key) {
            throw new KmsErrorException(KmsError.INCORRECT_KEY, "The ciphertext was made under " + key.arn()
                    + ", not under " + keyId.get() + ".");
        }
        key.conditions().check(attestation);
        byte[] plaintext = CiphertextBlob.open(ciphertextBlob, key.material(), context).orElseThrow(() ->
                new KmsErrorException(KmsError.INVALID_CIPHERTEXT, "The ciphertext blob does not open: it was "
                        + "altered, or the encryption context differs from the one it was made with."));
        return release(key.arn(), Optional.empty(), plaintext, attestation);
    }

    /**
     * GenerateDataKey: a fresh data key of {@code numberOfBytes}, as a ciphertext blob under the key and released
     * (to the recipient when there is one).
     *
     * @throws KmsErrorException for no such key, a size outside 1 to 1024, a recipient refused
     */
    public Released generateDataKey(String keyId, int numberOfBytes, Map<String, String> context,
            Optional<Recipient> recipient) throws KmsErrorException {
        Optional<VerifiedAttestation> attestation = verify(recipient);
        Key key = key(keyId);
        checkSize("NumberOfBytes", numberOfBytes);
        key.conditions().check(attestation);
        byte[] dataKey = new byte[numberOfBytes];
        random.nextBytes(dataKey);
        byte[] blob = CiphertextBlob.seal(key.id(), key.material(), dataKey, context, random);
        return release(key.arn(), Optional.of(Bytes.of(blob)), dataKey, attestation);
    }

    /**
     * GenerateRandom: {@code numberOfBytes} random bytes, released to the recipient when there is one. No key is
     * involved, so no key policy applies; the document must still verify.
     *
     * @throws KmsErrorException for a size outside 1 to 1024, or a recipient whose document does not verify
     */
    public Released generateRandom(int numberOfBytes, Optional<Recipient> recipient) throws KmsErrorException {
        Optional<VerifiedAttestation> attestation = verify(recipient);
        checkSize("NumberOfBytes", numberOfBytes);
        byte[] bytes = new byte[numberOfBytes];
        random.nextBytes(bytes);
        return release(null, Optional.empty(), bytes, attestation);
    }

    /**
     * The answer: the plaintext, or with a recipient the plaintext sealed to the document's key in KMS's format.
     *
     * @throws KmsErrorException {@link KmsError#VALIDATION} when the document carries no RSA key of 2048 to 4096 bits
     */
    private Released release(String keyArn, Optional<Bytes> blob, byte[] plaintext,
            Optional<VerifiedAttestation> attestation) throws KmsErrorException {
        Optional<String> arn = Optional.ofNullable(keyArn);
        if (attestation.isEmpty()) {
            return new Released(arn, blob, Optional.of(Bytes.of(plaintext)), Optional.empty());
        }
        try {
            byte[] sealed = sealer.seal(attestation.get(), plaintext, SecretFormat.KMS);
            return new Released(arn, blob, Optional.empty(), Optional.of(Bytes.of(sealed)));
        } catch (SecretRefusedException e) {
            throw new KmsErrorException(KmsError.VALIDATION, "The attestation document's public_key cannot be sealed "
                    + "to: " + e.getMessage());
        }
    }

    private Optional<VerifiedAttestation> verify(Optional<Recipient> recipient) throws KmsErrorException {
        if (recipient.isEmpty()) {
            return Optional.empty();
        }
        if (!Recipient.RSAES_OAEP_SHA_256.equals(recipient.get().keyEncryptionAlgorithm())) {
            throw new KmsErrorException(KmsError.VALIDATION, "KeyEncryptionAlgorithm must be "
                    + Recipient.RSAES_OAEP_SHA_256 + ", not " + recipient.get().keyEncryptionAlgorithm() + ".");
        }
        byte[] document = recipient.get().attestationDocument();
        if (document.length == 0 || document.length > MAX_DOCUMENT) {
            throw new KmsErrorException(KmsError.VALIDATION, "AttestationDocument must be 1 to " + MAX_DOCUMENT
                    + " bytes; " + document.length + " were given.");
        }
        try {
            return Optional.of(verifier.verify(document, Expectations.withoutNonce()));
        } catch (DocumentRejectedException e) {
            throw new KmsErrorException(KmsError.VALIDATION, "The attestation document is not valid ("
                    + e.reason() + "): " + e.getMessage());
        }
    }

    private Key key(String keyId) throws KmsErrorException {
        Key key = keysByName.get(Objects.requireNonNull(keyId, "keyId"));
        if (key == null) {
            throw new KmsErrorException(KmsError.NOT_FOUND, "There is no key " + keyId + "; this KMS has "
                    + String.join(", ", aliases()) + ".");
        }
        return key;
    }

    private java.util.List<String> aliases() {
        return keysByName.values().stream().map(Key::alias).distinct().sorted().toList();
    }

    private static void checkSize(String field, int numberOfBytes) throws KmsErrorException {
        if (numberOfBytes < 1 || numberOfBytes > MAX_GENERATED) {
            throw new KmsErrorException(KmsError.VALIDATION, field + " must be 1 to " + MAX_GENERATED + "; "
                    + numberOfBytes + " was given.");
        }
    }

    /** Describes an emulated KMS: its keys and their policies, the clock, the document age it accepts. */
    public static final class Builder {
        private final TrustAnchor trustAnchor;
        private final Map<String, RecipientConditions> keys = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private Duration maxDocumentAge = Duration.ofMinutes(5);
        private SecureRandom random = new SecureRandom();
        private String region = "us-east-1";
        private String account = "111122223333";

        private Builder(TrustAnchor trustAnchor) {
            this.trustAnchor = Objects.requireNonNull(trustAnchor, "trustAnchor");
        }

        /**
         * Adds a key, known by this alias, with the recipient conditions of its key policy.
         *
         * @param alias {@code alias/} and a name
         * @throws IllegalArgumentException if the alias is not {@code alias/NAME} or is taken
         */
        public Builder key(String alias, RecipientConditions conditions) {
            if (!alias.matches("alias/[A-Za-z0-9/_-]{1,250}") || alias.startsWith("alias/aws/")) {
                throw new IllegalArgumentException("A key alias is alias/ and a name of letters, digits, /, _ and -, "
                        + "not under alias/aws/; \"" + alias + "\" is not one.");
            }
            if (keys.putIfAbsent(alias, Objects.requireNonNull(conditions, "conditions")) != null) {
                throw new IllegalArgumentException("The alias " + alias + " is given twice.");
            }
            return this;
        }

        /** The time documents are verified at. Default: the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The oldest document a recipient may send. KMS documents no limit; the default is 5 minutes.
         *
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder maxDocumentAge(Duration age) {
            if (age.isNegative() || age.isZero()) {
                throw new IllegalArgumentException("The maximum document age must be positive; " + age + " was given.");
            }
            this.maxDocumentAge = age;
            return this;
        }

        /** The source of key material, blob nonces, data keys and envelopes. Default: a fresh SecureRandom. */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** The region and account the keys' ARNs name. Defaults: us-east-1 and 111122223333, AWS's example. */
        public Builder arnOf(String region, String account) {
            this.region = Objects.requireNonNull(region, "region");
            this.account = Objects.requireNonNull(account, "account");
            return this;
        }

        /** Builds the emulated KMS, with fresh material for each key. */
        public EmulatedKms build() {
            return new EmulatedKms(this);
        }
    }
}
