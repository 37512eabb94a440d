/**
 * Secrets for attested enclaves: {@link dev.nitroattest.secrets.RecipientKey} in the enclave (its public key goes
 * into the attestation document; it opens KMS's {@code CiphertextForRecipient}) and
 * {@link dev.nitroattest.secrets.SecretSealer} in a relying service (it seals to a verified document's key in the
 * same format). Both refuse anything outside KMS's profile with a {@link dev.nitroattest.secrets.SecretRefusal}.
 */
package dev.nitroattest.secrets;
