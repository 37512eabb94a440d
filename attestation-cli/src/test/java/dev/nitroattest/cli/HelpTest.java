package dev.nitroattest.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** The help of the tool and of each command is complete (every option described) and tidy (fits 100 columns). */
class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"verify", "inspect", "pcrs", "build-image", "speed", "tls"})
    void everyCommandsHelpDescribesEveryOptionParameterAndExitStatus(String command) {
        Cli.Result result = Cli.run(command, "--help");
        CommandLine spec = NitroAttest.commandLine(new Terminal(System.in, System.out, System.err,
                Clock.systemUTC())).getSubcommands().get(command);
        List<String> missing = new ArrayList<>();
        for (OptionSpec option : spec.getCommandSpec().options()) {
            if (option.description().length == 0 || option.description()[0].isBlank()) {
                missing.add(option.longestName() + " has no description");
            }
            if (!containsToken(result.out(), option.longestName())) {
                missing.add(option.longestName() + " is not in the help");
            }
        }
        for (PositionalParamSpec parameter : spec.getCommandSpec().positionalParameters()) {
            if (!containsToken(result.out(), parameter.paramLabel())) {
                missing.add(parameter.paramLabel() + " is not in the help");
            }
        }
        assertAll(
                () -> assertEquals(0, result.exitCode()),
                () -> assertEquals("", result.err()),
                () -> assertEquals(List.of(), missing),
                () -> assertTrue(result.out().startsWith(spec.getCommandSpec().usageMessage().header()[0] + "\n")),
                () -> assertTrue(result.out().contains("Usage: nitro-attest " + command + " ")),
                () -> assertTrue(result.out().contains("\nExit status:\n  0   "), result::out),
                () -> assertTrue(result.out().contains("\n  3   "), result::out),
                () -> assertLinesFit(result.out()));
    }

    @Test
    void theToolsHelpListsEveryCommandAndTheExitStatuses() {
        Cli.Result result = Cli.run("--help");
        assertAll(
                () -> assertEquals(0, result.exitCode()),
                () -> assertTrue(result.out().contains("Usage: nitro-attest [-hV] COMMAND")),
                () -> {
                    for (String command : List.of("verify", "inspect", "pcrs", "build-image", "speed", "tls", "help")) {
                        assertTrue(result.out().matches("(?s).*\\n  " + command + " +\\S.*"), command);
                    }
                },
                () -> assertTrue(result.out().contains("\nExit status:\n")),
                () -> assertLinesFit(result.out()));
    }

    @Test
    void helpCommandPrintsTheSameAsTheHelpOption() {
        assertEquals(Cli.run("verify", "--help"), Cli.run("help", "verify"));
        assertEquals(Cli.run("pcrs", "-h"), Cli.run("pcrs", "--help"));
    }

    @Test
    void versionPrintsTheToolsVersion() {
        Cli.Result result = Cli.run("--version");
        assertEquals(0, result.exitCode());
        assertTrue(result.out().matches("nitro-attest \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n"), result::toString);
        assertEquals(result, Cli.run("-V"));
    }

    /**
     * Whether the help holds the name as a whole token: not inside a longer one, as {@code --at} is inside
     * {@code --at-document-time} and {@code --pcr} inside {@code --pcrs-from-eif}.
     */
    private static boolean containsToken(String help, String name) {
        return Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])").matcher(help).find();
    }

    @Test
    void anOptionNamedOnlyInsideALongerOneIsNotFound() {
        assertAll(
                () -> assertFalse(containsToken("  --at-document-time  Verify ...", "--at")),
                () -> assertFalse(containsToken("  --pcrs-from-eif=IMAGE.eif", "--pcr")),
                () -> assertTrue(containsToken("  [--at=TIME] [--pcr=INDEX=HEX]...", "--at")),
                () -> assertTrue(containsToken("  [--at=TIME] [--pcr=INDEX=HEX]...", "--pcr")),
                () -> assertTrue(containsToken("Usage: nitro-attest pcrs IMAGE.eif", "IMAGE.eif")));
    }

    private static void assertLinesFit(String help) {
        help.lines().forEach(line -> assertTrue(line.length() <= 100 && line.equals(line.stripTrailing()),
                () -> "too long or trailing spaces: '" + line + "'"));
    }
}
