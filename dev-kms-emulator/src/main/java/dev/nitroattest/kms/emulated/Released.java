package dev.nitroattest.kms.emulated;

import dev.nitroattest.bytes.Bytes;
import java.util.Objects;
import java.util.Optional;

/**
 * What an operation answers, in KMS's response fields. With a recipient, the plaintext is absent and {@code
 * CiphertextForRecipient} carries it, sealed to the document's key; without one, the plaintext is there.
 *
 * @param keyArn the ARN of the key used ({@code KeyId} in KMS's answer); empty for GenerateRandom
 * @param ciphertextBlob the ciphertext blob, for Encrypt and GenerateDataKey
 * @param plaintext the plaintext, when the request had no recipient
 * @param ciphertextForRecipient the plaintext sealed to the recipient's key, when the request had one
 */
public record Released(Optional<String> keyArn, Optional<Bytes> ciphertextBlob, Optional<Bytes> plaintext,
        Optional<Bytes> ciphertextForRecipient) {
    /** Checks that exactly one of plaintext and ciphertextForRecipient is there, unless it is Encrypt's answer. */
    public Released {
        Objects.requireNonNull(keyArn, "keyArn");
        Objects.requireNonNull(ciphertextBlob, "ciphertextBlob");
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(ciphertextForRecipient, "ciphertextForRecipient");
        if (plaintext.isPresent() && ciphertextForRecipient.isPresent()) {
            throw new IllegalArgumentException("KMS answers a recipient without the plaintext");
        }
    }
}
