package dev.nitroattest.tls;

import java.util.Objects;

/**
 * A peer's certificate was refused for a reason of the TLS binding: {@link #reason()} is the stable code, the message
 * one sentence saying what is wrong and what to do. Thrown as the cause of the {@link
 * java.security.cert.CertificateException} that ends the handshake, and directly by {@link NonceAttestation} and
 * {@link AttestedTrustManager#pinnedTo}.
 */
public final class TlsBindingException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The stable reason code. */
    private final TlsBindingReason reason;

    /**
     * A refusal for this reason.
     *
     * @param reason the stable code
     * @param message one sentence: what is wrong and what to do
     */
    public TlsBindingException(TlsBindingReason reason, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * The stable reason code.
     *
     * @return the reason
     */
    public TlsBindingReason reason() {
        return reason;
    }
}
