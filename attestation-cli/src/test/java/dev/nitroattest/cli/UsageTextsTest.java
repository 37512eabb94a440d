package dev.nitroattest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The help of the tool and of each command, and the usage errors, byte for byte. The files under
 * {@code usage/} were printed by the tool when picocli still read its model from annotations; the model is now built
 * through picocli's programmatic API, and only the invoked command's (docs/performance.md, CLI start-up), so these
 * hold that nothing a user reads changed with it.
 */
class UsageTextsTest {

    static Stream<Arguments> commandLines() {
        return Stream.of(
                Arguments.of("tool-help", new String[] {"--help"}),
                Arguments.of("help", new String[] {"help"}),
                Arguments.of("help-help", new String[] {"help", "--help"}),
                Arguments.of("verify-help", new String[] {"verify", "--help"}),
                Arguments.of("inspect-help", new String[] {"inspect", "--help"}),
                Arguments.of("pcrs-help", new String[] {"pcrs", "--help"}),
                Arguments.of("build-image-help", new String[] {"build-image", "--help"}),
                Arguments.of("speed-help", new String[] {"speed", "--help"}),
                Arguments.of("tls-help", new String[] {"tls", "--help"}),
                Arguments.of("no-command", new String[0]),
                Arguments.of("unknown-command", new String[] {"nope"}),
                Arguments.of("mistyped-command", new String[] {"verfy", "x"}),
                Arguments.of("unknown-tool-option", new String[] {"--nope"}),
                Arguments.of("help-unknown-command", new String[] {"help", "nope"}),
                Arguments.of("verify-without-file", new String[] {"verify"}),
                Arguments.of("verify-unknown-option", new String[] {"verify", "--nope", "x"}),
                Arguments.of("verify-mistyped-option", new String[] {"verify", "--trust-ancor", "x", "y"}),
                Arguments.of("verify-bad-time", new String[] {"verify", "--at", "nonsense", "x"}),
                Arguments.of("inspect-without-file", new String[] {"inspect"}),
                Arguments.of("pcrs-without-image", new String[] {"pcrs"}),
                Arguments.of("build-image-without-blobs", new String[] {"build-image"}),
                Arguments.of("tls-without-target", new String[] {"tls"}),
                Arguments.of("speed-zero-seconds", new String[] {"speed", "--seconds", "0"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandLines")
    void printsWhatItPrintedBefore(String name, String[] args) throws IOException {
        assertEquals(expected(name), Cli.run(args).toString());
    }

    private static String expected(String name) throws IOException {
        try (InputStream in = UsageTextsTest.class.getResourceAsStream("usage/" + name + ".txt")) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
