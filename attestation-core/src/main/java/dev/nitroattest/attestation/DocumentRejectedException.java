package dev.nitroattest.attestation;

import dev.nitroattest.attestation.internal.DocumentField;
import dev.nitroattest.attestation.internal.Fault;
import dev.nitroattest.attestation.internal.Rejection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The document was rejected: it is malformed, not authentic, or not acceptable under the verifier's
 * policy. {@link #reason()} is stable and machine-readable; {@link #field()} and {@link #certificateIndex()} say
 * where the fault is, when it is in one place; {@link #detail()} is one sentence for people, naming the field or
 * certificate concerned.
 *
 * <p>Field names are the payload's own keys ({@code module_id}, {@code timestamp}, {@code pcrs}, {@code nonce},
 * {@code certificate}, {@code cabundle}...) and, for the envelope, {@code COSE_Sign1}, {@code COSE protected header},
 * {@code COSE unprotected header}, {@code COSE payload} and {@code COSE signature} (docs/verification.md lists them).
 * A certificate of the bundle is {@code cabundle} with its index there; the leaf is {@code certificate}. The
 * location is given as data where the fault is found, never read back from the sentence: rewording a detail cannot
 * move it. {@link #jsonMembers()} is the one JSON form programs read, in the CLI's and the proxy's answers.
 *
 * <p>A verifier that is itself set up wrongly throws {@link VerifierConfigurationException} instead. Instances are
 * made by this library only.
 */
public final class DocumentRejectedException extends Exception {
    private static final long serialVersionUID = 3L;

    /** The stable reason code. */
    private final RejectionReason reason;
    /** One sentence for people. */
    private final String detail;
    /** The payload field or COSE element concerned, or null. */
    private final DocumentField field;
    /** The index in cabundle of the certificate concerned, or -1. */
    private final int certificateIndex;

    /** A rejection found by the public layer: the document as a whole (field null), or one field of it. */
    DocumentRejectedException(RejectionReason reason, DocumentField field, String detail) {
        this(reason, detail, field, -1);
    }

    private DocumentRejectedException(RejectionReason reason, String detail, DocumentField field,
            int certificateIndex) {
        super(Objects.requireNonNull(reason, "reason") + ": " + Objects.requireNonNull(detail, "detail"));
        this.reason = reason;
        this.detail = detail;
        this.field = field;
        this.certificateIndex = certificateIndex;
    }

    /** The public form of an internal rejection. */
    static DocumentRejectedException of(Rejection rejection) {
        return new DocumentRejectedException(reasonFor(rejection.fault()), rejection.detail(), rejection.field(),
                rejection.certificateIndex());
    }

    /** The stable reason code for what the internal layer found. */
    static RejectionReason reasonFor(Fault fault) {
        return switch (fault) {
            case MALFORMED -> RejectionReason.MALFORMED;
            case INVALID_FIELD -> RejectionReason.INVALID_FIELD;
            case UNSUPPORTED_ALGORITHM -> RejectionReason.UNSUPPORTED_ALGORITHM;
            case UNTRUSTED_CHAIN -> RejectionReason.UNTRUSTED_CHAIN;
            case CERTIFICATE_EXPIRED -> RejectionReason.CERTIFICATE_EXPIRED;
            case CERTIFICATE_NOT_YET_VALID -> RejectionReason.CERTIFICATE_NOT_YET_VALID;
        };
    }

    /**
     * The stable reason code.
     *
     * @return the reason
     */
    public RejectionReason reason() {
        return reason;
    }

    /**
     * One sentence saying what is wrong, naming the field or certificate.
     *
     * @return the sentence
     */
    public String detail() {
        return detail;
    }

    /**
     * The payload field or COSE element concerned, when the fault is in one.
     *
     * @return a name such as {@code nonce}, {@code pcrs}, {@code cabundle} or {@code COSE signature}, or empty
     */
    public Optional<String> field() {
        return field == null ? Optional.empty() : Optional.of(field.wireName());
    }

    /**
     * The position in {@code cabundle} of the certificate concerned, when the fault is in one of the bundle's
     * certificates (0 is the root the chain must start at); empty for the leaf ({@code field()} is then
     * {@code certificate}) and for every other fault.
     *
     * @return the index, or empty
     */
    public OptionalInt certificateIndex() {
        return certificateIndex < 0 ? OptionalInt.empty() : OptionalInt.of(certificateIndex);
    }

    /**
     * The rejection as the JSON members programs read, in this order: {@code reason} (the code's name),
     * {@code field} (a name from {@link #field()}, or null), {@code certificate_index} (an {@link Integer}, or null)
     * and {@code detail}. The CLI's {@code verify --json} and the parent proxy's {@code DOCUMENT_REJECTED} answers
     * write these, so that the names, the nulls and the numbers are the same in both.
     *
     * @return an unmodifiable map in the order above, whose values are strings, an integer, or null for JSON null
     */
    public Map<String, Object> jsonMembers() {
        Map<String, Object> members = new LinkedHashMap<>(8);
        members.put("reason", reason.name());
        members.put("field", field == null ? null : field.wireName());
        members.put("certificate_index", certificateIndex < 0 ? null : certificateIndex);
        members.put("detail", detail);
        return Collections.unmodifiableMap(members);
    }
}
