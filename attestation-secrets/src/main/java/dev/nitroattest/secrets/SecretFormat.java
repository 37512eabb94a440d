package dev.nitroattest.secrets;

/** The envelope a secret is sealed in; {@link RecipientKey#open} opens each. */
public enum SecretFormat {
    /**
     * KMS's {@code CiphertextForRecipient}: CMS EnvelopedData, RSAES-OAEP-SHA-256 and AES-256-CBC, byte for byte as
     * KMS writes it. CBC has no integrity: send it over an authenticated channel, as KMS relies on TLS.
     */
    KMS
}
