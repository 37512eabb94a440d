package com.example.attestedtls;

import java.io.IOException;

/**
 * The server at the other end is not the attested enclave this client trusts: its certificate carries no document,
 * or one for another image, another key, or an older time than allowed. The handshake ended before any request left.
 */
public final class EnclaveRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    EnclaveRefusedException(String reason, String message, IOException cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    /**
     * The stable reason code: a RejectionReason (PCR_MISMATCH...) or a TlsBindingReason (NO_ATTESTATION_EXTENSION...).
     */
    public String reason() {
        return reason;
    }
}
