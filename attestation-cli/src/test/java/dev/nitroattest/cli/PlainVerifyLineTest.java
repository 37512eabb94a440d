package dev.nitroattest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.cli.verify.PlainVerifyLine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A plain {@code verify} line runs without picocli's model ({@link PlainVerifyLine}); every line is run here both ways,
 * through {@link NitroAttest#run(Terminal, String...)} and through picocli's model as before, and must print and exit
 * the same, byte for byte, whether it is verified, rejected, unreadable or a usage error. Lines that are not plain must
 * not be taken for plain ones.
 */
class PlainVerifyLineTest {
    private static final String DOCUMENT = "examples/test-kit-document.cbor";
    private static final String ROOT = "examples/test-kit-root.pem";
    private static final String PCR = "0=" + "00".repeat(48);
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    static Stream<List<String>> plainLines() {
        return Stream.of(
                List.of("verify", DOCUMENT),
                List.of("verify", "--trust-anchor", ROOT, "--at-document-time", DOCUMENT),
                List.of("verify", DOCUMENT, "--trust-anchor", ROOT, "--at-document-time", "--json"),
                List.of("verify", "--trust-anchor", ROOT, "--at-document-time", "--quiet", DOCUMENT, DOCUMENT),
                List.of("verify", "--trust-anchor", ROOT, "--trust-anchor", ROOT, "--at", "2026-03-02T11:00:00Z",
                        DOCUMENT),
                List.of("verify", "--trust-anchor", ROOT, "--at", "1772449200000", "--max-age", "5m", DOCUMENT),
                List.of("verify", "--trust-anchor", ROOT, "--at-document-time", "--pcr", PCR, "--pcr", PCR, DOCUMENT),
                List.of("verify", "--trust-anchor", ROOT, "--at-document-time", "--pcrs-from-eif",
                        "examples/test-kit-image.eif", DOCUMENT),
                List.of("verify", "--trust-anchor", ROOT, "--at-document-time", "--nonce", "0x0102", "--user-data",
                        "ab", "--public-key", "cd", DOCUMENT),
                List.of("verify", "--trust-anchor", ROOT, "--at-document-time", "--allow-debug", "--nitrotpm",
                        DOCUMENT),
                List.of("verify", "--trust-anchor", ROOT, "--at-document-time", "no-such-file.cbor", DOCUMENT),
                List.of("verify", "--trust-anchor", ROOT, "--at-document-time", "--json", "no-such-file.cbor"),
                // Usage errors found after parsing, by the verification's own checks.
                List.of("verify", "--trust-anchor", ROOT, "--at", "2026-03-02T11:00:00Z", "--at-document-time",
                        DOCUMENT),
                List.of("verify", "--max-age", "1h", "--at-document-time", DOCUMENT),
                List.of("verify", "--json", "--quiet", DOCUMENT),
                List.of("verify", "--pcrs-from-eif", "examples/test-kit-image.eif", "--nitrotpm", DOCUMENT),
                List.of("verify", "--trust-anchor", "no-such-root.pem", DOCUMENT),
                List.of("verify", "--trust-anchor", DOCUMENT, DOCUMENT),
                List.of("verify", "--pcrs-from-eif", "no-such-image.eif", DOCUMENT));
    }

    static Stream<List<String>> otherLines() {
        return Stream.of(
                List.of(),
                List.of("verify"),
                List.of("--help"),
                List.of("help", "verify"),
                List.of("verif", DOCUMENT),
                List.of("inspect", DOCUMENT),
                List.of("verify", "--help"),
                List.of("verify", "-h", DOCUMENT),
                List.of("verify", "--json"),
                List.of("verify", "-"),
                List.of("verify", "--", DOCUMENT),
                List.of("verify", "@arguments.txt"),
                List.of("verify", "--format", "cbor", DOCUMENT),
                List.of("verify", "--json=true", DOCUMENT),
                List.of("verify", "--trust-anchor=" + ROOT, DOCUMENT),
                List.of("verify", "--JSON", DOCUMENT),
                List.of("verify", "--unknown", DOCUMENT),
                List.of("verify", "", DOCUMENT),
                List.of("verify", "--json", "--json", DOCUMENT),
                List.of("verify", "--at", "2026-03-02T11:00:00Z", "--at", "2026-03-02T11:00:00Z", DOCUMENT),
                List.of("verify", "--nonce", "0a", "--nonce", "0b", DOCUMENT),
                List.of("verify", DOCUMENT, "--trust-anchor"),
                List.of("verify", "--trust-anchor", "--json", DOCUMENT),
                List.of("verify", "--trust-anchor", "@root.pem", DOCUMENT),
                List.of("verify", "--at", "yesterday", DOCUMENT),
                List.of("verify", "--at", "-5", DOCUMENT),
                List.of("verify", "--max-age", "5 minutes", DOCUMENT),
                List.of("verify", "--pcr", "32=00", DOCUMENT),
                List.of("verify", "--nonce", "xyz", DOCUMENT),
                List.of("verify", "--user-data", "abc", DOCUMENT),
                List.of("verify", "--trust-anchor", "nul\0byte", DOCUMENT));
    }

    @ParameterizedTest
    @MethodSource("plainLines")
    void aPlainLineRunsWithoutTheModelAndPrintsWhatPicocliWould(List<String> line) {
        String[] args = line.toArray(String[]::new);
        assertTrue(PlainVerifyLine.parse(args).isPresent(), "a plain line: " + line);
        assertEquals(throughPicocli(args), plainly(args));
    }

    @ParameterizedTest
    @MethodSource("otherLines")
    void anyOtherLineIsLeftToPicocli(List<String> line) {
        String[] args = line.toArray(String[]::new);
        assertFalse(PlainVerifyLine.parse(args).isPresent(), "not a plain line: " + line);
        assertEquals(throughPicocli(args), plainly(args));
    }

    private static Cli.Result plainly(String... args) {
        return run(terminal -> NitroAttest.run(terminal, args));
    }

    private static Cli.Result throughPicocli(String... args) {
        return run(terminal -> NitroAttest.run(terminal, NitroAttest.commandLine(terminal, args), args));
    }

    private interface Run {
        int on(Terminal terminal);
    }

    private static Cli.Result run(Run run) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run.on(new Terminal(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.fixed(NOW, ZoneOffset.UTC)));
        return new Cli.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
