package dev.nitroattest.kms.emulated;

import java.util.Objects;

/**
 * KMS's {@code RecipientInfo}: the enclave's attestation document, whose {@code public_key} the answer is sealed to,
 * and the key encryption algorithm, of which {@value #RSAES_OAEP_SHA_256} is the only one KMS offers.
 *
 * @param attestationDocument the document's bytes (COSE_Sign1), as the NSM returned them
 * @param keyEncryptionAlgorithm the algorithm's name as the request gave it
 */
public record Recipient(byte[] attestationDocument, String keyEncryptionAlgorithm) {
    /** The only key encryption algorithm KMS offers recipients. */
    public static final String RSAES_OAEP_SHA_256 = "RSAES_OAEP_SHA_256";

    /** Copies the document. */
    public Recipient {
        attestationDocument = Objects.requireNonNull(attestationDocument, "attestationDocument").clone();
        Objects.requireNonNull(keyEncryptionAlgorithm, "keyEncryptionAlgorithm");
    }

    /** A recipient with KMS's one algorithm. */
    public static Recipient of(byte[] attestationDocument) {
        return new Recipient(attestationDocument, RSAES_OAEP_SHA_256);
    }

    /** A copy of the document's bytes. */
    @Override
    public byte[] attestationDocument() {
        return attestationDocument.clone();
    }
}
