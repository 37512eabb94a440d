package dev.nitroattest.cli;

import static dev.nitroattest.cli.Cli.assertUsageError;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every number and hex string on the command line is ASCII. Java reads full-width, Arabic-Indic and other Unicode
 * digits as digits: such an option must be a usage error (exit 2, one sentence, no Java class name), never read as a
 * number, never an internal error.
 */
class AsciiNumbersTest {
    /** Digits that {@code Character.isDigit} and {@code Character.digit} accept but that are not ASCII. */
    private static final List<String> NON_ASCII_DIGITS = List.of(
            "\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19", // full-width 0-9
            "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669", // Arabic-Indic 0-9
            "\u0966\u0967\u0968\u0969\u096a\u096b\u096c\u096d\u096e\u096f", // Devanagari 0-9
            "\ud835\udfce\ud835\udfcf\ud835\udfd0\ud835\udfd1"); // mathematical bold 0-3, beyond U+FFFF
    private static final String PCR = "ab".repeat(48);

    @TempDir
    static Path directory;

    static Stream<Arguments> options() {
        return NON_ASCII_DIGITS.stream().flatMap(digits -> {
            String two = digits.substring(0, digits.offsetByCodePoints(0, 2));
            String first = digits.substring(0, digits.offsetByCodePoints(0, 1));
            String pcrValue = repeatToCodePoints(digits, 96);
            return Stream.of(
                    Arguments.of(List.of("verify", "--pcr", "0=" + pcrValue), "is not hexadecimal"),
                    Arguments.of(List.of("verify", "--pcr", first + "=" + PCR), "is not a number from 0 to 31"),
                    Arguments.of(List.of("verify", "--pcr", two + "=" + PCR), "is not a number from 0 to 31"),
                    Arguments.of(List.of("verify", "--at", repeatToCodePoints(digits, 13)), "is neither an ISO-8601"),
                    Arguments.of(List.of("verify", "--at", "2026-03-02T" + two + ":00:00Z"), "is neither an ISO-8601"),
                    Arguments.of(List.of("verify", "--max-age", two + "m"), "is not a duration"),
                    Arguments.of(List.of("verify", "--max-age", "PT" + two + "M"), "is not a duration"),
                    Arguments.of(List.of("verify", "--nonce", repeatToCodePoints(digits, 8)), "is not hexadecimal"),
                    Arguments.of(List.of("verify", "--user-data", repeatToCodePoints(digits, 8)), "is not hexadecimal"),
                    Arguments.of(List.of("verify", "--public-key", repeatToCodePoints(digits, 8)), "is not hexadecimal"),
                    Arguments.of(List.of("speed", "--threads", first), "is not a whole number"),
                    Arguments.of(List.of("speed", "--seconds", first), "seconds"));
        });
    }

    @ParameterizedTest
    @MethodSource("options")
    void aNonAsciiDigitIsAUsageErrorInOneSentence(List<String> options, String fragment) {
        String[] args = Stream.concat(options.stream(), Stream.of(directory.resolve("never-read.cbor").toString()))
                .toArray(String[]::new);
        if (options.get(0).equals("speed")) {
            args = options.toArray(String[]::new);
        }
        Cli.Result result = Cli.run(args);
        assertUsageError(result, fragment);
        assertFalse(result.err().contains("java.") || result.err().contains("Exception"), result::toString);
    }

    private static String repeatToCodePoints(String digits, int count) {
        int[] codePoints = digits.codePoints().toArray();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.appendCodePoint(codePoints[i % codePoints.length]);
        }
        return text.toString();
    }
}
