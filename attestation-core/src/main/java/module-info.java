/**
 * Verification of AWS Nitro Enclaves attestation documents: {@link dev.nitroattest.attestation.AttestationVerifier}
 * and the types it returns, and enclave image measurements ({@code dev.nitroattest.eif}). It builds on the foundation
 * module ({@code Bytes}, the strict CBOR and DER profiles, the notation for untrusted text), which it requires
 * transitively: its API speaks in {@code Bytes}. It requires nothing else: no third-party library. Everything under {@code dev.nitroattest.attestation.internal} is not API and is not
 * exported.
 */
module dev.nitroattest.attestation {
    requires transitive dev.nitroattest.foundation;

    exports dev.nitroattest.attestation;
    exports dev.nitroattest.eif;
}
