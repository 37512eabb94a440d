package dev.nitroattest.attestation.internal;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rejection as the internal decoders and validators report it; the public layer turns it into a
 * {@code DocumentRejectedException}, whose constructor is not API. It says where the fault is: the payload field or
 * COSE element, and for a certificate of the bundle its index.
 */
public final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;
    /** A certificate's rejection detail starts with its position: "cabundle[2] (...)" or "The leaf certificate". */
    private static final Pattern CABUNDLE_ENTRY = Pattern.compile("^cabundle\\[(\\d{1,3})\\]");
    private static final String LEAF = "The leaf certificate";

    /** What is wrong. */
    private final Fault fault;
    /** One sentence for people. */
    private final String detail;
    /** The payload field or COSE element concerned, or null. */
    private final String field;
    /** The index in cabundle of the certificate concerned, or -1. */
    private final int certificateIndex;

    /**
     * A rejection.
     *
     * @param fault what is wrong
     * @param detail one sentence naming what is wrong
     * @param field the payload field or COSE element concerned, or null
     * @param certificateIndex the index in cabundle of the certificate concerned, or -1
     */
    public Rejection(Fault fault, String detail, String field, int certificateIndex) {
        super(Objects.requireNonNull(fault, "fault") + ": " + Objects.requireNonNull(detail, "detail"), null, false,
                false);
        this.fault = fault;
        this.detail = detail;
        this.field = field;
        this.certificateIndex = certificateIndex;
    }

    /**
     * A rejection of one payload field or COSE element.
     *
     * @param fault what is wrong
     * @param field the field or element, such as "nonce" or "COSE signature"; null for the document as a whole
     * @param detail one sentence naming what is wrong
     * @return the rejection
     */
    public static Rejection of(Fault fault, String field, String detail) {
        return new Rejection(fault, detail, field, -1);
    }

    /**
     * A rejection of a certificate, located by the position its detail starts with: "cabundle[i]" gives the field
     * cabundle and index i, "The leaf certificate" the field certificate.
     *
     * @param fault what is wrong
     * @param detail one sentence that starts with the certificate's position
     * @return the rejection
     */
    public static Rejection ofCertificate(Fault fault, String detail) {
        Matcher entry = CABUNDLE_ENTRY.matcher(detail);
        if (entry.find()) {
            return new Rejection(fault, detail, "cabundle", Integer.parseInt(entry.group(1)));
        }
        return new Rejection(fault, detail, detail.startsWith(LEAF) ? "certificate" : null, -1);
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
    public String field() {
        return field;
    }

    /** @return the index in cabundle of the certificate concerned, or -1 */
    public int certificateIndex() {
        return certificateIndex;
    }
}
