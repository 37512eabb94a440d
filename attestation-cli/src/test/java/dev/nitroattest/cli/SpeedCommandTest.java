package dev.nitroattest.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code speed}: the figures, in order, each a positive whole number (verify-new-leaf only for the jar's sample
 * documents, which the build issues with new leaves). How large they are is measured, not tested;
 * the runs are a few hundredths of a second so that the suite stays short.
 */
class SpeedCommandTest {
    private static final List<String> LABELS = List.of("es384-verify/s", "parse/s", "verify-cold/s", "verify-warm/s");
    private static final List<String> WITH_NEW_LEAF = List.of("es384-verify/s", "parse/s", "verify-cold/s",
            "verify-warm/s", "verify-new-leaf/s");

    @TempDir
    Path directory;

    private static void assertFigures(Cli.Result result) {
        assertFigures(result, LABELS);
    }

    private static void assertFigures(Cli.Result result, List<String> labels) {
        List<String> lines = result.outLines();
        assertAll(
                () -> assertEquals(0, result.exitCode(), result::toString),
                () -> assertEquals(labels, lines.stream().map(line -> line.split(" ")[0]).toList(), result::toString),
                () -> assertTrue(lines.stream().allMatch(line -> line.matches("\\S+ [1-9][0-9]*")), result::toString),
                () -> assertTrue(result.err().startsWith("nitro-attest: measuring "), result::toString));
    }

    @Test
    void withoutAFileItMeasuresATestKitDocument() {
        Cli.Result result = Cli.run("speed", "--seconds", "0.02");
        assertFigures(result, WITH_NEW_LEAF);
        assertTrue(result.err().contains("a test-kit document on 1 thread"), result::toString);
    }

    @Test
    void newLeavesAreMeasuredOnSeveralThreadsAcrossRoundsOfThePool() {
        Cli.Result result = Cli.run("speed", "--seconds", "0.5", "--threads", "2");
        assertFigures(result, WITH_NEW_LEAF);
    }

    @Test
    void withAFileItMeasuresThatDocumentAtItsOwnTimestampOnSeveralThreads() {
        TestFiles files = new TestFiles(directory);
        String debug = files.write("debug.b64", Base64.getEncoder().encode(TestFiles.builder().debugMode().build()));
        Cli.Result result = Cli.run("speed", "--seconds", "0.02", "--threads", "2", "--trust-anchor", files.root(),
                "--format", "base64", debug);
        assertFigures(result);
        assertTrue(result.err().contains("on 2 threads"), result::toString);
    }

    @Test
    void standardInputIsMeasuredAsAFileIs() {
        TestFiles files = new TestFiles(directory);
        Cli.Result result = Cli.runWithInput(Base64.getEncoder().encode(TestFiles.builder().build()), "speed",
                "--seconds", "0.02", "--trust-anchor", files.root(), "-");
        assertFigures(result);
        assertTrue(result.err().startsWith("nitro-attest: measuring - on 1 thread"), result::toString);
        Cli.assertUnreadable(Cli.run("speed", "--seconds", "0.02", "-"), "standard input is empty");
    }

    @Test
    void aFileThatDoesNotVerifyAtItsOwnTimestampHasNothingToMeasure() {
        TestFiles files = new TestFiles(directory);
        Cli.Result result = Cli.run("speed", "--seconds", "0.02", files.document());
        Cli.assertNoStackTrace(result);
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("", result.out());
        assertTrue(result.err().matches("nitro-attest: \\S+ does not verify at its own timestamp \\(UNTRUSTED_CHAIN: "
                + ".+\\), so there is nothing to measure; give a document that does\\.\\R"), result::toString);
    }

    @Test
    void aFileThatCannotBeReadIsExitStatus3() {
        Cli.assertUnreadable(Cli.run("speed", directory.resolve("absent.cbor").toString()), "there is no such file");
    }
}
