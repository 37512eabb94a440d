package dev.nitroattest.proxy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Durations as the command line writes them: 500ms, 10s, 5m, 1h, or ISO-8601 such as PT10S. */
final class Durations {
    private Durations() {}

    /**
     * @throws IllegalArgumentException naming the option, if the text is not a positive duration
     */
    static Duration parse(String option, String text) {
        Duration duration = parseOrNull(text.trim().toLowerCase(Locale.ROOT));
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(option + " \"" + text + "\" is not a positive duration; write it like "
                    + "10s, 500ms or 2m.");
        }
        return duration;
    }

    private static Duration parseOrNull(String text) {
        try {
            if (text.startsWith("pt")) {
                return Duration.parse(text);
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.length() < 2) {
                return null;
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> null;
            };
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }
}
