package dev.nitroattest.process;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Durations as the project's command lines write them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or
 * ISO-8601 such as {@code PT30S}. One reader for the agent, the proxy and the emulators, so that an option means
 * the same in each and is refused in the same words.
 */
public final class DurationText {
    private static final String EXAMPLES = "write it like 30s, 500ms or 2m.";

    private DurationText() {}

    /**
     * Reads a duration of any sign; the caller checks its range.
     *
     * @throws IllegalArgumentException one sentence naming the option, if the text is not a duration or does not fit
     *     in one
     */
    public static Duration parse(String option, String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("pt") || lower.startsWith("-pt")) {
                return Duration.parse(lower);
            }
            if (lower.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2)));
            }
            if (lower.length() >= 2) {
                long amount = Long.parseLong(lower.substring(0, lower.length() - 1));
                switch (lower.charAt(lower.length() - 1)) {
                    case 's':
                        return Duration.ofSeconds(amount);
                    case 'm':
                        return Duration.ofMinutes(amount);
                    case 'h':
                        return Duration.ofHours(amount);
                    default:
                        break;
                }
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // Falls through to the one message below.
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(option + " \"" + text + "\" is far too long; " + EXAMPLES);
        }
        throw new IllegalArgumentException(option + " \"" + text + "\" is not a duration; " + EXAMPLES);
    }

    /**
     * Reads a duration that must be positive.
     *
     * @throws IllegalArgumentException one sentence naming the option, if the text is not a positive duration
     */
    public static Duration parsePositive(String option, String text) {
        Duration duration = parse(option, text);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(option + " \"" + text + "\" is not a positive duration; " + EXAMPLES);
        }
        return duration;
    }
}
