/**
 * Verification of AWS Nitro Enclaves attestation documents: {@link dev.nitroattest.attestation.AttestationVerifier}
 * and the types it returns, enclave image measurements ({@code dev.nitroattest.eif}), the strict CBOR profile the
 * project shares ({@code dev.nitroattest.cbor}) and the notation for untrusted text ({@code dev.nitroattest.text}).
 * Everything under {@code dev.nitroattest.attestation.internal} is not API and is not exported.
 */
module dev.nitroattest.attestation {
    requires org.bouncycastle.provider;

    exports dev.nitroattest.attestation;
    exports dev.nitroattest.cbor;
    exports dev.nitroattest.eif;
    exports dev.nitroattest.text;
}
