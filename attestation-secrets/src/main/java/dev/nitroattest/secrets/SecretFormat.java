package dev.nitroattest.secrets;

/**
 * The envelope a secret is sealed in. {@link RecipientKey#open} opens both; {@link RecipientKey#openAuthenticated}
 * opens only {@link #AUTHENTICATED}. Both carry the content key the same way (RSAES-OAEP-SHA-256 to the key in the
 * attestation document, one recipient identified by the SHA-256 of its SubjectPublicKeyInfo), so one enclave key
 * opens both. Neither says who sealed it: anyone holding the enclave's attestation document can seal to its key.
 */
public enum SecretFormat {
    /**
     * KMS's {@code CiphertextForRecipient}: CMS EnvelopedData, RSAES-OAEP-SHA-256 and AES-256-CBC, byte for byte as
     * KMS writes it (BER with indefinite lengths). CBC has no integrity: an envelope altered in transit can open to
     * other bytes rather than be refused, and an opener whose refusals the sender can see is a padding oracle. Use it
     * only where the enclave must open KMS's bytes in the same code path, and send it over an authenticated channel,
     * as KMS relies on TLS.
     */
    KMS,
    /**
     * The default for our own services: CMS AuthEnvelopedData (RFC 5083) with AES-256-GCM (RFC 5084: a 12-byte
     * nonce, a 16-byte tag), in DER, with the same single RSAES-OAEP-SHA-256 recipient as {@link #KMS}. An envelope
     * altered anywhere opens to nothing: the tag covers the ciphertext, RSAES-OAEP checks the wrapped key, and every
     * other byte is compared with the profile. It protects the secret as sealed, not the sealer's identity: a
     * channel that can substitute a whole envelope still can, so authenticate the channel or the sender too.
     */
    AUTHENTICATED
}
