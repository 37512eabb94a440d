package dev.nitroattest.attestation.internal.chain;

import dev.nitroattest.attestation.internal.Rejection;
import dev.nitroattest.der.DerReader;
import dev.nitroattest.der.DerReader.Element;
import dev.nitroattest.text.PrintableText;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A certificate's validity time in the one form RFC 5280 (4.1.2.5) allows: UTCTime {@code YYMMDDHHMMSSZ} for the years
 * 1950 to 2049, GeneralizedTime {@code YYYYMMDDHHMMSSZ} from 2050, always UTC with seconds and no fraction. The
 * certificate's DER check takes a time's characters as they are, so offsets such as {@code +0300}, fractional
 * seconds, missing seconds, dates that do not exist and GeneralizedTime before 2050 are refused here.
 */
final class ValidityTime {
    private static final int UTC_TIME_LENGTH = 13;
    private static final int GENERALIZED_TIME_LENGTH = 15;
    private static final int FIRST_GENERALIZED_YEAR = 2050;

    private ValidityTime() {
    }

    /**
     * The instant the time means.
     *
     * @param der the certificate
     * @param time the UTCTime or GeneralizedTime element
     * @param label the certificate, as rejections name and locate it
     * @param field "notBefore" or "notAfter"
     */
    static Instant decode(byte[] der, Element time, CertificateLabel label, String field) throws Rejection {
        String text = new String(der, time.contentStart(), time.length(), StandardCharsets.US_ASCII);
        if (time.tag() == DerReader.UTC_TIME) {
            return decode(Kind.UTC_TIME, text, label, field);
        }
        if (time.tag() == DerReader.GENERALIZED_TIME) {
            return decode(Kind.GENERALIZED_TIME, text, label, field);
        }
        throw label.untrusted(" has a " + field + " that is neither UTCTime nor GeneralizedTime.");
    }

    /** The two ASN.1 types of a certificate time. */
    enum Kind {
        UTC_TIME,
        GENERALIZED_TIME
    }

    /**
     * The instant a time's text means, apart from the certificate's bytes so that each check is tested on its own.
     *
     * @param text the time's characters as written
     */
    static Instant decode(Kind kind, String text, CertificateLabel label, String field) throws Rejection {
        if (kind == Kind.UTC_TIME) {
            if (text.length() != UTC_TIME_LENGTH || !isDigits(text, UTC_TIME_LENGTH - 1)
                    || text.charAt(UTC_TIME_LENGTH - 1) != 'Z') {
                throw refused(label, field, "UTCTime \"" + printable(text) + "\"", "YYMMDDHHMMSSZ");
            }
            int twoDigitYear = Integer.parseInt(text.substring(0, 2));
            return instant(twoDigitYear >= 50 ? 1900 + twoDigitYear : 2000 + twoDigitYear, text.substring(2), label,
                    field, text);
        }
        if (text.length() != GENERALIZED_TIME_LENGTH || !isDigits(text, GENERALIZED_TIME_LENGTH - 1)
                || text.charAt(GENERALIZED_TIME_LENGTH - 1) != 'Z') {
            throw refused(label, field, "GeneralizedTime \"" + printable(text) + "\"", "YYYYMMDDHHMMSSZ");
        }
        int year = Integer.parseInt(text.substring(0, 4));
        if (year < FIRST_GENERALIZED_YEAR) {
            throw label.untrusted(" writes its " + field + " " + year
                    + " as a GeneralizedTime; RFC 5280 writes years before 2050 as UTCTime.");
        }
        return instant(year, text.substring(4), label, field, text);
    }

    private static Instant instant(int year, String monthToSecond, CertificateLabel label, String field, String text)
            throws Rejection {
        try {
            return LocalDateTime.of(year, Integer.parseInt(monthToSecond.substring(0, 2)),
                    Integer.parseInt(monthToSecond.substring(2, 4)), Integer.parseInt(monthToSecond.substring(4, 6)),
                    Integer.parseInt(monthToSecond.substring(6, 8)), Integer.parseInt(monthToSecond.substring(8, 10)))
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw label.untrusted(" has the " + field + " \"" + printable(text)
                    + "\", which is not a date and time.");
        }
    }

    /** Whether the first {@code count} characters are ASCII digits; the callers have checked the length. */
    private static boolean isDigits(String text, int count) {
        for (int i = 0; i < count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static Rejection refused(CertificateLabel label, String field, String what, String form) {
        return label.untrusted(" writes its " + field + " as the " + what + "; RFC 5280 allows "
                + "only " + form + " (UTC, whole seconds, no offset).");
    }

    private static String printable(String text) {
        return PrintableText.escape(text, 40);
    }
}
