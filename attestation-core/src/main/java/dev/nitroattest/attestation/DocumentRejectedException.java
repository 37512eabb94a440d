package dev.nitroattest.attestation;

import java.util.Objects;

/**
 * The document was rejected: it is malformed, not authentic, or not acceptable under the verifier's
 * policy. {@link #reason()} is stable and machine-readable; {@link #detail()} is one sentence for people,
 * naming the field or certificate concerned.
 *
 * <p>A verifier that is itself set up wrongly throws {@link VerifierConfigurationException} instead.
 */
public final class DocumentRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The stable reason code. */
    private final RejectionReason reason;
    /** One sentence for people. */
    private final String detail;

    /**
     * A rejection.
     *
     * @param reason the stable reason code
     * @param detail one sentence naming the field or certificate concerned
     */
    public DocumentRejectedException(RejectionReason reason, String detail) {
        super(Objects.requireNonNull(reason, "reason") + ": " + Objects.requireNonNull(detail, "detail"));
        this.reason = reason;
        this.detail = detail;
    }

    /** The stable reason code. */
    public RejectionReason reason() {
        return reason;
    }

    /** One sentence saying what is wrong, naming the field or certificate. */
    public String detail() {
        return detail;
    }
}
