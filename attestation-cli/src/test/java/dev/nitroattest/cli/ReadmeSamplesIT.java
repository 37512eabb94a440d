package dev.nitroattest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample in the READMEs that shows what {@code ./nitro-attest} prints is run as written, from the project root,
 * and must print exactly that: standard error's lines, then standard output's (the order in which the tool writes
 * them for these commands). A sample is a line {@code $ ./nitro-attest ...} in a code block, continued by lines
 * ending in a backslash, without its trailing {@code # comment}; its output is the lines up to the next {@code $}
 * line, an empty line or the end of the block. Samples that show no output (inspect, speed) are not run.
 */
class ReadmeSamplesIT {
    private static final List<String> READMES = List.of("README.md", "attestation-cli/README.md");
    private static final String PROMPT = "$ ./nitro-attest ";

    @TempDir
    Path directory;

    /** One sample: where it is, its arguments and the lines it shows. */
    record Sample(String where, List<String> args, List<String> output) {
        @Override
        public String toString() {
            return where + ": ./nitro-attest " + String.join(" ", args);
        }
    }

    static List<Sample> samples() throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (String readme : READMES) {
            samples.addAll(samplesIn(readme, Files.readAllLines(LauncherProcess.PROJECT.resolve(readme))));
        }
        return samples;
    }

    private static List<Sample> samplesIn(String readme, List<String> lines) {
        List<Sample> samples = new ArrayList<>();
        boolean inBlock = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                inBlock = !inBlock;
                continue;
            }
            if (!inBlock || !line.startsWith(PROMPT)) {
                continue;
            }
            String where = readme + ":" + (i + 1);
            StringBuilder command = new StringBuilder(line.substring(PROMPT.length()));
            while (command.toString().endsWith("\\")) {
                command.setLength(command.length() - 1);
                command.append(' ').append(lines.get(++i).strip());
            }
            List<String> output = new ArrayList<>();
            while (i + 1 < lines.size() && !lines.get(i + 1).isBlank() && !lines.get(i + 1).startsWith("$ ")
                    && !lines.get(i + 1).startsWith("```")) {
                output.add(lines.get(++i));
            }
            String withoutComment = command.toString().replaceFirst("\\s+#.*$", "").strip();
            if (!output.isEmpty()) {
                samples.add(new Sample(where, Arrays.asList(withoutComment.split("\\s+")), output));
            }
        }
        return samples;
    }

    @Test
    void theReadmesHaveSamplesWithOutputAmongThemThePcrsOfTheExampleImage() throws IOException {
        List<Sample> samples = samples();
        assertFalse(samples.isEmpty());
        assertTrue(samples.stream().anyMatch(sample -> sample.args().get(0).equals("pcrs")
                && sample.output().size() == 3), samples::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachSamplePrintsWhatTheReadmeShows(Sample sample) throws Exception {
        Cli.Result result = LauncherProcess.run(directory, new byte[0], sample.args());
        List<String> printed = Stream.concat(result.errLines().stream(), result.outLines().stream()).toList();
        assertEquals(sample.output(), printed, result::toString);
    }
}
