/**
 * Secrets for attested enclaves: {@link dev.nitroattest.secrets.RecipientKey} in the enclave (its public key goes
 * into the attestation document; it opens what is sealed to it) and {@link dev.nitroattest.secrets.SecretSealer} in a
 * relying service (it seals to a verified document's key). Two {@link dev.nitroattest.secrets.SecretFormat forms}:
 * the authenticated one (CMS AuthEnvelopedData with AES-256-GCM), the default for our services, and KMS's
 * {@code CiphertextForRecipient} (CMS EnvelopedData with AES-256-CBC, which has no integrity). An enclave that gets
 * secrets only from our services opens with {@link dev.nitroattest.secrets.RecipientKey#openAuthenticated}, so that
 * the channel cannot downgrade it to CBC. Anything outside the forms' profiles is refused with a
 * {@link dev.nitroattest.secrets.SecretRefusal}.
 */
package dev.nitroattest.secrets;
