package dev.nitroattest.text;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as every command line of the project writes them: ASCII digits and a unit, {@code 500ms}, {@code 30s},
 * {@code 5m}, {@code 2h} or {@code 1d}, or ISO-8601 as {@link Duration#parse} reads it, such as {@code PT30S} or
 * {@code P1D}; either in any case, with an optional sign. One reader for the agent, the proxy, the emulators and
 * {@code nitro-attest}, so that an option such as {@code --max-age} means the same in each and is refused in the same
 * words. Each option checks its own range.
 */
public final class DurationText {
    private static final String EXAMPLES = "write it like 30s, 500ms or 2m.";
    /** At most 18 digits, which a long always holds; [0-9] rather than Long.parseLong's any-script digits. */
    private static final Pattern WITH_UNIT = Pattern.compile("([-+]?[0-9]{1,18})(ms|s|m|h|d)");

    private DurationText() {}

    /**
     * Reads a duration of any sign; the caller checks its range.
     *
     * @param option the option's name, which starts the sentence of a refusal
     * @throws IllegalArgumentException one sentence naming the option, if the text is not a duration or does not fit
     *     in one
     */
    public static Duration parse(String option, String text) {
        return read(option + " \"" + text + "\"", text);
    }

    /**
     * Reads a duration that must be positive.
     *
     * @param option the option's name, which starts the sentence of a refusal
     * @throws IllegalArgumentException one sentence naming the option, if the text is not a positive duration
     */
    public static Duration parsePositive(String option, String text) {
        return positive(option + " \"" + text + "\"", text);
    }

    /**
     * Reads a duration that must be positive, for a caller whose own message names the option (picocli's type
     * converters).
     *
     * @throws IllegalArgumentException one sentence starting with the quoted text, if it is not a positive duration
     */
    public static Duration parsePositive(String text) {
        return positive("\"" + text + "\"", text);
    }

    private static Duration positive(String subject, String text) {
        Duration duration = read(subject, text);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(subject + " is not a positive duration; " + EXAMPLES);
        }
        return duration;
    }

    private static Duration read(String subject, String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("p") || lower.startsWith("-p") || lower.startsWith("+p")) {
                return Duration.parse(lower);
            }
            Matcher withUnit = WITH_UNIT.matcher(lower);
            if (withUnit.matches()) {
                long amount = Long.parseLong(withUnit.group(1));
                return switch (withUnit.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
        } catch (DateTimeParseException e) {
            // Falls through to the one message below.
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(subject + " is far too long; " + EXAMPLES);
        }
        throw new IllegalArgumentException(subject + " is not a duration; " + EXAMPLES);
    }
}
