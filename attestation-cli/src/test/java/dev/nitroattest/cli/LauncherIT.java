package dev.nitroattest.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.testkit.RealDocument;
import dev.nitroattest.testkit.RealDocumentCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code ./nitro-attest} as users and scripts do, as a separate process from the project root, after the jar is
 * packaged. Standard output must hold the tool's lines and nothing else: no JVM or class-data-sharing message.
 */
class LauncherIT {
    private static final Path PROJECT = Path.of(System.getProperty("nitro.project.dir", "..")).toAbsolutePath()
            .normalize();
    private static final String LAUNCHER = PROJECT.resolve("nitro-attest").toString();
    private static final String EXAMPLES = "attestation-cli/examples/";

    @TempDir
    Path directory;

    private Cli.Result launch(byte[] input, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER));
        command.addAll(Arrays.asList(args));
        Path in = Files.write(directory.resolve("stdin"), input);
        Path out = directory.resolve("stdout");
        Path err = directory.resolve("stderr");
        Process process = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectInput(in.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        // A safety net against a hung process, not a measure of speed: the first run may build a class archive.
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("./nitro-attest " + String.join(" ", args) + " did not finish");
        }
        return new Cli.Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private Cli.Result launch(String... args) throws IOException, InterruptedException {
        return launch(new byte[0], args);
    }

    @Test
    void versionAndHelp() throws Exception {
        Cli.Result version = launch("--version");
        assertEquals(0, version.exitCode(), version::toString);
        assertTrue(version.out().matches("nitro-attest \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n"), version::toString);
        assertEquals("", version.err());
        Cli.Result help = launch("verify", "--help");
        assertTrue(help.out().contains("--pcrs-from-eif=IMAGE.eif"), help::toString);
    }

    @Test
    void theQuickStartVerifiesTheExampleDocument() throws Exception {
        Cli.Result result = launch("verify", "--trust-anchor", EXAMPLES + "test-kit-root.pem", "--at-document-time",
                "--pcrs-from-eif", EXAMPLES + "test-kit-image.eif", EXAMPLES + "test-kit-document.cbor");
        assertEquals(new Cli.Result(0, "VERIFIED " + EXAMPLES + "test-kit-document.cbor module="
                + TestFiles.PKI.moduleId() + " time=2026-03-02T11:00:00Z\n", ""), result);
    }

    @Test
    void standardInputJsonAndPcrs() throws Exception {
        byte[] base64 = Base64.getMimeEncoder().encode(Files.readAllBytes(
                PROJECT.resolve(EXAMPLES + "test-kit-document.cbor")));
        Cli.Result verify = launch(base64, "verify", "--json", "--quiet", "--trust-anchor",
                EXAMPLES + "test-kit-root.pem", "--at-document-time", "-");
        Cli.assertUsageError(verify, "--json and --quiet cannot be combined");
        Cli.Result json = launch(base64, "verify", "--json", "--trust-anchor", EXAMPLES + "test-kit-root.pem",
                "--at-document-time", "-");
        assertEquals(0, json.exitCode(), json::toString);
        assertEquals(true, JsonTestReader.object(json.out()).get("verified"));
        Cli.Result pcrs = launch("pcrs", EXAMPLES + "test-kit-image.eif");
        assertEquals(0, pcrs.exitCode(), pcrs::toString);
        assertEquals(3, pcrs.outLines().size(), pcrs::toString);
    }

    @Test
    void exitStatusesForRejectedUnreadableAndBadOptions() throws Exception {
        Cli.Result rejected = launch("verify", "--at-document-time", EXAMPLES + "test-kit-document.cbor");
        assertEquals(1, rejected.exitCode(), rejected::toString);
        assertTrue(rejected.out().startsWith("REJECTED " + EXAMPLES + "test-kit-document.cbor UNTRUSTED_CHAIN: "));
        Cli.assertUnreadable(launch("verify", "--pcr", "0=" + "00".repeat(48), "no/such/file.cbor"),
                "there is no such file");
        Cli.assertUsageError(launch("verify", "--pcr", "zero", "whatever.cbor"), "is not INDEX=HEX");
    }

    @Test
    void genuineRealDocumentsVerifyAtTheirTimestampAndHaveExpiredNowAndTheNegativesAreRejected() throws Exception {
        RealDocumentCorpus corpus = RealDocumentCorpus.require();
        List<String> genuine = corpus.genuine().stream().map(document -> document.path().toString()).toList();

        Cli.Result atTheirTime = launch(concat(List.of("verify", "--at-document-time", "--allow-debug"), genuine));
        assertEquals(0, atTheirTime.exitCode(), atTheirTime::toString);
        assertEquals(genuine.size(), atTheirTime.outLines().size());

        Cli.Result now = launch(concat(List.of("verify", "--allow-debug"), genuine));
        assertEquals(1, now.exitCode(), now::toString);
        assertEquals(genuine.size(), now.outLines().size());
        assertTrue(now.outLines().stream().allMatch(line -> line.matches("REJECTED \\S+ CERTIFICATE_EXPIRED: .+")),
                now::toString);

        for (RealDocument negative : corpus.negatives()) {
            Cli.Result result = launch("verify", "--at-document-time", "--allow-debug", negative.path().toString());
            assertEquals(1, result.exitCode(), () -> negative.file() + ": " + result);
        }
    }

    @Test
    void aDamagedClassArchiveIsIgnoredSilentlyAndRemade() throws Exception {
        assertEquals(0, launch("--version").exitCode());
        List<Path> archives;
        try (Stream<Path> files = Files.list(PROJECT.resolve("attestation-cli/target"))) {
            archives = files.filter(file -> file.getFileName().toString().endsWith(".jsa")).toList();
        }
        assertFalse(archives.isEmpty(), "the launcher keeps a class archive next to the jar");
        for (Path archive : archives) {
            byte[] content = Files.readAllBytes(archive);
            archive.toFile().setWritable(true);
            Files.write(archive, Arrays.copyOf(content, content.length / 2));
        }
        Cli.Result result = launch("verify", "--trust-anchor", EXAMPLES + "test-kit-root.pem", "--at-document-time",
                "--quiet", EXAMPLES + "test-kit-document.cbor");
        assertAll(
                () -> assertEquals(new Cli.Result(0, "", ""), result),
                () -> assertTrue(Files.size(archives.get(0)) > 0));
    }

    private static String[] concat(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all.toArray(String[]::new);
    }
}
