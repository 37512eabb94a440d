package dev.nitroattest.tools.startup;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code benchmarks/start-up}, the documented command behind the CLI's start-up figures (docs/performance.md), runs
 * and reports what it says: a row per command with the ratio to the first, and a paired ratio per pair. Its numbers
 * are not checked (speed is measured, never asserted), only that a slower command comes out slower.
 */
class StartUpScriptTest {
    private static final Path SCRIPT = Path.of("..", "benchmarks", "start-up").toAbsolutePath().normalize();

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        // A safety net against a hang, not a measure of speed.
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("benchmarks/start-up did not end");
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.exitValue(), out,
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void comparesCommandsRoundByRound() throws Exception {
        Run run = run("-n", "3", "-w", "1", "true", "sleep 0.5", "sleep 0.05");
        List<String> lines = run.out().lines().toList();
        assertAll(
                () -> assertEquals(0, run.status(), run::toString),
                () -> assertEquals("", run.err()),
                () -> assertTrue(lines.get(0).startsWith("wall ms"), run::toString),
                () -> assertTrue(lines.get(1).endsWith("A: true"), run::toString),
                () -> assertTrue(lines.get(2).endsWith("   sleep 0.5"), run::toString),
                () -> assertEquals("paired ratios, wall (CPU), each pair of commands:", lines.get(4)),
                () -> assertTrue(lines.get(7).matches(
                        "  \\d+\\.\\d\\d \\(\\d+\\.\\d\\d\\)  sleep 0\\.5  /  sleep 0\\.05"), run::toString),
                () -> assertTrue(Double.parseDouble(lines.get(7).trim().split(" ")[0]) > 1.2,
                        "0.5 s against 0.05 s (ten times as long; 1.2 leaves room for any load): " + lines.get(7)),
                () -> assertTrue(lines.get(8).startsWith("3 rounds after 1 unrecorded"), run::toString));
    }

    @Test
    void aFailingCommandEndsTheMeasurementWithOneSentence() throws Exception {
        Run run = run("-n", "2", "-w", "0", "true", "sh -c 'exit 3'");
        assertAll(
                () -> assertEquals(1, run.status(), run::toString),
                () -> assertEquals("", run.out()),
                () -> assertEquals("start-up: 'sh -c 'exit 3'' failed with status 3; run it alone to see why.\n",
                        run.err()));
    }

    @Test
    void noCommandIsAUsageError() throws Exception {
        Run run = run();
        assertAll(
                () -> assertEquals(2, run.status(), run::toString),
                () -> assertTrue(run.err().startsWith("start-up: name at least one command"), run::toString));
    }
}
