package dev.nitroattest.attestation.internal;

import java.util.Objects;

/**
 * A rejection as the internal decoders and validators report it; the public layer turns it into a
 * {@code DocumentRejectedException}, whose constructor is not API. It says where the fault is, as data given where
 * the rejection is made: the payload field or COSE element, and for a certificate of the bundle its index. Nothing
 * reads a location back out of the sentence, so rewording one cannot move a fault.
 */
public final class Rejection extends Exception {
    private static final long serialVersionUID = 2L;

    /** What is wrong. */
    private final Fault fault;
    /** One sentence for people. */
    private final String detail;
    /** The payload field or COSE element concerned, or null for the document as a whole. */
    private final DocumentField field;
    /** The index in cabundle of the certificate concerned, or -1. */
    private final int certificateIndex;

    private Rejection(Fault fault, String detail, DocumentField field, int certificateIndex) {
        super(Objects.requireNonNull(fault, "fault") + ": " + Objects.requireNonNull(detail, "detail"), null, false,
                false);
        this.fault = fault;
        this.detail = detail;
        this.field = field;
        this.certificateIndex = certificateIndex;
    }

    /**
     * A rejection of one payload field or COSE element, or of the document as a whole.
     *
     * @param fault what is wrong
     * @param field the field or element concerned; null when the fault is in no one field
     * @param detail one sentence naming what is wrong
     * @return the rejection
     */
    public static Rejection of(Fault fault, DocumentField field, String detail) {
        return new Rejection(fault, detail, field, -1);
    }

    /**
     * A rejection of a certificate: the field cabundle with the certificate's index, the field certificate for the
     * leaf, no field for a pinned anchor being loaded.
     *
     * @param fault what is wrong
     * @param position where the certificate stands
     * @param detail one sentence naming the certificate and what is wrong
     * @return the rejection
     */
    public static Rejection ofCertificate(Fault fault, CertificatePosition position, String detail) {
        return new Rejection(fault, detail, position.field(), position.bundleIndex());
    }

    /** @return what is wrong */
    public Fault fault() {
        return fault;
    }

    /** @return one sentence naming what is wrong */
    public String detail() {
        return detail;
    }

    /** @return the payload field or COSE element concerned, or null */
    public DocumentField field() {
        return field;
    }

    /** @return the index in cabundle of the certificate concerned, or -1 */
    public int certificateIndex() {
        return certificateIndex;
    }
}
