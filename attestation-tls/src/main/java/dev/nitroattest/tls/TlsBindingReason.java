package dev.nitroattest.tls;

/**
 * Why a peer's certificate was refused for a reason of the TLS binding itself, before or apart from the attestation
 * document's verification (whose reasons are {@link dev.nitroattest.attestation.RejectionReason}s). Stable codes: the
 * names are part of the API. docs/attested-tls.md says what each one means for an operator.
 */
public enum TlsBindingReason {
    /** The peer presented no certificate. */
    NO_CERTIFICATE,
    /** The certificate is not the DER X.509 structure it claims to be. */
    MALFORMED_CERTIFICATE,
    /** The certificate has no attestation extension: an ordinary certificate, not an attested enclave's. */
    NO_ATTESTATION_EXTENSION,
    /** The attestation extension is marked critical; the format requires it non-critical. */
    EXTENSION_CRITICAL,
    /** The certificate carries the attestation extension more than once. */
    EXTENSION_DUPLICATED,
    /** The attestation extension's value is not one DER OCTET STRING holding the document. */
    EXTENSION_MALFORMED,
    /** The certificate's validity ended before now (by the verifier's clock). */
    CERTIFICATE_EXPIRED,
    /** The certificate's validity starts after now (by the verifier's clock). */
    CERTIFICATE_NOT_YET_VALID,
    /** The handshake negotiated a protocol older than TLS 1.3. */
    NOT_TLS_1_3,
    /** Nonce mode: the certificate's key is not the one the document verified for the client's nonce carries. */
    KEY_NOT_PINNED,
    /** Nonce mode: the document verified for the client's nonce carries no public_key to pin. */
    DOCUMENT_WITHOUT_KEY
}
