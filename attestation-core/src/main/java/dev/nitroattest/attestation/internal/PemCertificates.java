package dev.nitroattest.attestation.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The library's one PEM reader: the DER of each CERTIFICATE block of a text, in order, for trust anchors and for
 * the signing certificate of an enclave image. Text outside the blocks is ignored, as PEM allows.
 */
public final class PemCertificates {
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";

    private PemCertificates() {
    }

    /** Whether the text holds the start of a certificate block. */
    public static boolean containsBlock(String text) {
        return text.contains(BEGIN);
    }

    /**
     * The DER of every certificate block.
     *
     * @throws Malformed if a block has no END line or is not base64
     */
    public static List<byte[]> decode(String text) throws Malformed {
        List<byte[]> certificates = new ArrayList<>(1);
        int from = 0;
        while (true) {
            int begin = text.indexOf(BEGIN, from);
            if (begin < 0) {
                return certificates;
            }
            int end = text.indexOf(END, begin);
            if (end < 0) {
                throw new Malformed("has no END line");
            }
            try {
                certificates.add(Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end)));
            } catch (IllegalArgumentException e) {
                throw new Malformed("is not valid base64");
            }
            from = end + END.length();
        }
    }

    /** A certificate block that cannot be read; the message completes "A PEM certificate block ...". */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
