package dev.nitroattest.cli.render;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * An instant as {@link Instant#toString()} writes it ({@code 2026-03-02T11:00:00Z}, with a fraction of 3, 6 or 9 digits
 * when it has one), without {@code DateTimeFormatter}: that class's first use sets up the JDK's lambda machinery, which
 * cost a {@code verify} run several milliseconds for one result line (docs/performance.md, CLI start-up). Instants
 * outside the years 1970 to 9999 are left to {@code Instant.toString}.
 */
public final class InstantText {
    /** 9999-12-31T23:59:59Z. */
    private static final long LAST_SECOND_OF_9999 = 253_402_300_799L;

    private InstantText() {
    }

    /** The same text as {@code instant.toString()}. */
    public static String of(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds > LAST_SECOND_OF_9999) {
            return instant.toString();
        }
        int nanos = instant.getNano();
        LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(30);
        digits(text, time.getYear(), 4).append('-');
        digits(text, time.getMonthValue(), 2).append('-');
        digits(text, time.getDayOfMonth(), 2).append('T');
        digits(text, time.getHour(), 2).append(':');
        digits(text, time.getMinute(), 2).append(':');
        digits(text, time.getSecond(), 2);
        if (nanos != 0) {
            text.append('.');
            if (nanos % 1_000_000 == 0) {
                digits(text, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                digits(text, nanos / 1_000, 6);
            } else {
                digits(text, nanos, 9);
            }
        }
        return text.append('Z').toString();
    }

    private static StringBuilder digits(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }
}
