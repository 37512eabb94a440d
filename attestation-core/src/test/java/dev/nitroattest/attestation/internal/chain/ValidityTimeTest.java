package dev.nitroattest.attestation.internal.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.internal.CertificatePosition;
import dev.nitroattest.attestation.internal.Rejection;
import dev.nitroattest.der.DerException;
import dev.nitroattest.der.DerReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 5280's validity times, one at a time: from a time element, and as text, so that each of {@link ValidityTime}'s
 * checks is pinned on its own.
 */
@DisplayName("RFC 5280 4.1.2.5 validity times")
class ValidityTimeTest {
    private static final CertificateLabel TEST_CERTIFICATE = new CertificateLabel(CertificatePosition.inBundle(1),
            "the test certificate");

    @ParameterizedTest(name = "UTCTime {0} is {1}")
    @CsvSource({
        "500101000000Z, 1950-01-01T00:00:00Z",
        "501231235959Z, 1950-12-31T23:59:59Z",
        "991231235959Z, 1999-12-31T23:59:59Z",
        "000101000000Z, 2000-01-01T00:00:00Z",
        "260302100000Z, 2026-03-02T10:00:00Z",
        "491231235959Z, 2049-12-31T23:59:59Z"})
    @DisplayName("the UTCTime century pivot: YY 50 to 99 are 1950 to 1999, 00 to 49 are 2000 to 2049")
    void utcTimeCenturyPivot(String text, String instant) throws Rejection {
        assertEquals(Instant.parse(instant), decodeElement(0x17, text, TEST_CERTIFICATE, "notAfter"));
    }

    @ParameterizedTest(name = "GeneralizedTime {0} is {1}")
    @CsvSource({"20500101000000Z, 2050-01-01T00:00:00Z", "99991231235959Z, 9999-12-31T23:59:59Z"})
    @DisplayName("GeneralizedTime from 2050 on")
    void generalizedTimeFrom2050(String text, String instant) throws Rejection {
        assertEquals(Instant.parse(instant), decodeElement(0x18, text, TEST_CERTIFICATE, "notAfter"));
    }

    @ParameterizedTest(name = "UTCTime \"{0}\"")
    @ValueSource(strings = {
        "2603021000000",   // thirteen characters without the trailing Z
        "26030210000+1Z",  // fourteen
        "260302+30000Z",   // "+3" for the hour: Integer.parseInt would read 3
        "26+302100000Z",   // "+3" for the month
        "2603021000-0Z",   // "-0" for the seconds
        "+60302100000Z",   // "+6" for the year
        "26030210000 Z",
        "26030210000/Z",   // the characters just below and above the digits
        "26030210000:Z",
        "2603021000+0300", // what Bouncy Castle decodes: an offset
        "2603021000Z"})    // and no seconds
    @DisplayName("a UTCTime of another form, or with non-digits that Integer.parseInt would take, is refused")
    void utcTimeOfAnotherForm(String text) {
        Rejection rejection = assertThrows(Rejection.class,
                () -> ValidityTime.decode(ValidityTime.Kind.UTC_TIME, text, TEST_CERTIFICATE, "notBefore"));
        assertTrue(rejection.detail().contains("notBefore as the UTCTime"), rejection.detail());
        assertTrue(rejection.detail().contains("UTCTime \"" + text + "\""), "quotes the text: " + rejection.detail());
        assertTrue(rejection.detail().contains("only YYMMDDHHMMSSZ"), rejection.detail());
    }

    @ParameterizedTest(name = "GeneralizedTime \"{0}\"")
    @ValueSource(strings = {
        "205001010000000", // fifteen characters without the trailing Z
        "2050010100000+0",
        "+0500101000000Z", // "+050" for the year
        "20500101+30000Z", // "+3" for the hour
        "2050010100000Z",
        "20500101000000+0300",
        "20500101000000.5Z",
        "20500101000000"})
    @DisplayName("a GeneralizedTime of another form, or with non-digits that Integer.parseInt would take, is refused")
    void generalizedTimeOfAnotherForm(String text) {
        Rejection rejection = assertThrows(Rejection.class,
                () -> ValidityTime.decode(ValidityTime.Kind.GENERALIZED_TIME, text, TEST_CERTIFICATE,
                        "notAfter"));
        assertTrue(rejection.detail().contains("notAfter as the GeneralizedTime"), rejection.detail());
        assertTrue(rejection.detail().contains("GeneralizedTime \"" + text + "\""),
                "quotes the text: " + rejection.detail());
        assertTrue(rejection.detail().contains("only YYYYMMDDHHMMSSZ"), rejection.detail());
    }

    @ParameterizedTest(name = "GeneralizedTime {0}")
    @ValueSource(strings = {"20491231235959Z", "19500101000000Z"})
    @DisplayName("a GeneralizedTime before 2050 is refused, naming the year")
    void generalizedTimeBefore2050(String text) {
        Rejection rejection = assertThrows(Rejection.class,
                () -> decodeElement(0x18, text, TEST_CERTIFICATE, "notAfter"));
        assertTrue(rejection.detail().contains("notAfter " + text.substring(0, 4) + " as a GeneralizedTime"),
                rejection.detail());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"261302100000Z", "260230100000Z", "260302250000Z", "260302106000Z", "260002100000Z"})
    @DisplayName("digits that are no date and time are refused")
    void notADate(String text) {
        Rejection rejection = assertThrows(Rejection.class,
                () -> ValidityTime.decode(ValidityTime.Kind.UTC_TIME, text, TEST_CERTIFICATE, "notBefore"));
        assertTrue(rejection.detail().contains("which is not a date and time"), rejection.detail());
        assertTrue(rejection.detail().contains("notBefore \"" + text + "\""), "quotes the text: " + rejection.detail());
    }

    /** The time read from a UTCTime or GeneralizedTime element over exactly these characters. */
    private static Instant decodeElement(int tag, String text, CertificateLabel label, String field)
            throws Rejection {
        byte[] content = text.getBytes(StandardCharsets.US_ASCII);
        byte[] element = new byte[content.length + 2];
        element[0] = (byte) tag;
        element[1] = (byte) content.length;
        System.arraycopy(content, 0, element, 2, content.length);
        try {
            return ValidityTime.decode(element, DerReader.of(element).next(), label, field);
        } catch (DerException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
