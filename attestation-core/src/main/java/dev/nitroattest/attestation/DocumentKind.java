package dev.nitroattest.attestation;

/** Which Nitro component produced a document. Both are signed under the same AWS root. */
public enum DocumentKind {
    /** From a Nitro Enclave's NSM: carries {@code pcrs}. */
    ENCLAVE,
    /** From an EC2 instance's NitroTPM: carries {@code nitrotpm_pcrs} instead of {@code pcrs}. */
    NITRO_TPM
}
