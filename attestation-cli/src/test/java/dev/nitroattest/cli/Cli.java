package dev.nitroattest.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Runs the tool in-process, as {@code main} would but with captured streams, given input and a chosen clock. */
final class Cli {
    private Cli() {
    }

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs with the system clock and empty standard input. */
    static Result run(String... args) {
        return run(new byte[0], Clock.systemUTC(), args);
    }

    /** Runs as if the present were {@code now}. */
    static Result runAt(Instant now, String... args) {
        return run(new byte[0], Clock.fixed(now, ZoneOffset.UTC), args);
    }

    /** Runs with these bytes on standard input. */
    static Result runWithInput(byte[] input, String... args) {
        return run(input, Clock.systemUTC(), args);
    }

    private static Result run(byte[] input, Clock clock, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = NitroAttest.run(new Terminal(new ByteArrayInputStream(input),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                clock), args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Nothing that looks like a stack trace or an exception's class name reached the user. */
    static void assertNoStackTrace(Result result) {
        assertAll(
                () -> assertFalse(result.err().contains("\tat "), result::toString),
                () -> assertFalse(result.err().contains("Exception"), result::toString),
                () -> assertFalse(result.out().contains("Exception"), result::toString));
    }

    /**
     * Exit status 2, nothing on standard output, and on standard error exactly the one sentence (containing
     * {@code fragment}) and the pointer to the command's help.
     */
    static void assertUsageError(Result result, String fragment) {
        assertNoStackTrace(result);
        List<String> lines = result.errLines();
        assertAll(
                () -> assertEquals(2, result.exitCode(), result::toString),
                () -> assertEquals("", result.out(), result::toString),
                () -> assertEquals(2, lines.size(), result::toString),
                () -> assertTrue(lines.get(0).startsWith("nitro-attest: ") && lines.get(0).contains(fragment),
                        result::toString),
                () -> assertTrue(lines.get(0).endsWith("."), result::toString),
                () -> assertTrue(lines.get(1).matches("Run 'nitro-attest( [\\w-]+)? --help' for usage\\."),
                        result::toString));
    }

    /**
     * Exit status 3, nothing on standard output, and exactly one sentence on standard error containing
     * {@code fragment}.
     */
    static void assertUnreadable(Result result, String fragment) {
        assertNoStackTrace(result);
        assertAll(
                () -> assertEquals(3, result.exitCode(), result::toString),
                () -> assertEquals("", result.out(), result::toString),
                () -> assertEquals(1, result.errLines().size(), result::toString),
                () -> assertTrue(result.err().startsWith("nitro-attest: ") && result.err().contains(fragment),
                        result::toString),
                () -> assertTrue(result.err().strip().endsWith("."), result::toString));
    }
}
