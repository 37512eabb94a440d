package dev.nitroattest.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.eif.EnclaveImageFile;
import dev.nitroattest.testkit.EifWriter;
import dev.nitroattest.testkit.StandInBlobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code build-image}: a reproducible image, its PCRs printed as {@code pcrs} prints them, and pcrs.json. */
class BuildImageCommandTest {
    @TempDir
    Path directory;
    private Path blobs;
    private Path runtime;
    private Path jar;

    @BeforeEach
    void inputs() throws Exception {
        blobs = StandInBlobs.write(directory.resolve("blobs"));
        runtime = directory.resolve("runtime");
        Files.createDirectories(runtime.resolve("bin"));
        Files.write(runtime.resolve("bin/java"), EifWriter.pattern("launcher", 1000));
        jar = directory.resolve("app.jar");
        Files.write(jar, EifWriter.pattern("PK", 5000));
    }

    private List<String> args(Path output, String... more) {
        List<String> args = new ArrayList<>(List.of("build-image", "--blobs", blobs.toString(), "--runtime",
                runtime.toString(), "--jar", jar.toString(), "--env", "MODE=enclave", "--output", output.toString()));
        args.addAll(List.of(more));
        args.addAll(List.of("--", "/opt/java/bin/java", "-jar", "/opt/app/app.jar", "--listen", "vsock:5000"));
        return args;
    }

    @Test
    void printsThePcrsThatPcrsReadsFromTheImageAndWritesThemToPcrsJsonBesideIt() throws Exception {
        Path output = directory.resolve("out/app.eif");
        Files.createDirectories(output.getParent());
        Cli.Result built = Cli.run(args(output).toArray(String[]::new));
        Cli.Result measured = Cli.run("pcrs", output.toString());
        Cli.Result json = Cli.run("pcrs", "--json", output.toString());
        String pcrsJson = Files.readString(output.resolveSibling("pcrs.json"));
        assertAll(
                () -> assertEquals(0, built.exitCode(), built::toString),
                () -> assertEquals(measured.out(), built.out()),
                () -> assertEquals(3, built.outLines().size()),
                () -> assertTrue(built.err().startsWith("nitro-attest: warning: the blobs in "), built::err),
                () -> assertTrue(built.err().contains("PCR0 and PCR1 are not those of any real enclave image"),
                        built::err),
                () -> assertTrue(pcrsJson.contains("\"StandInBlobs\": true")),
                () -> {
                    for (String line : measured.outLines()) {
                        String[] pcr = line.split(" ");
                        assertTrue(pcrsJson.contains("\"" + pcr[0] + "\": \"" + pcr[1] + "\""), line);
                        assertTrue(json.out().contains("\"" + pcr[0] + "\": \"" + pcr[1] + "\""), json::out);
                    }
                });
    }

    @Test
    void jsonPrintsWhatPcrsJsonHoldsAndAnotherPcrsJsonPathIsHonoured() throws Exception {
        Path output = directory.resolve("app.eif");
        Path pcrs = directory.resolve("elsewhere.json");
        Cli.Result built = Cli.run(args(output, "--json", "--pcrs-json", pcrs.toString()).toArray(String[]::new));
        assertEquals(0, built.exitCode(), built::toString);
        assertEquals(Files.readString(pcrs), built.out());
        assertFalse(Files.exists(directory.resolve("pcrs.json")));
    }

    @Test
    void twoBuildsInDifferentFoldersGiveTheSameBytes() throws Exception {
        Path first = directory.resolve("first.eif");
        Path second = Files.createDirectories(directory.resolve("b/c")).resolve("second.eif");
        assertEquals(0, Cli.run(args(first).toArray(String[]::new)).exitCode());
        assertEquals(0, Cli.run(args(second).toArray(String[]::new)).exitCode());
        assertEquals(-1, Files.mismatch(first, second));
    }

    @Test
    void withJdkTheRuntimeIsLinkedForTheBuildAndRemovedAfterIt() throws Exception {
        Path output = directory.resolve("linked/app.eif");
        Files.createDirectories(output.getParent());
        Cli.Result built = Cli.run("build-image", "--blobs", blobs.toString(), "--jdk",
                System.getProperty("java.home"), "--add-modules", "java.base", "--output", output.toString(), "--",
                "/opt/java/bin/java", "-version");
        assertEquals(0, built.exitCode(), built::toString);
        EnclaveImageFile.read(output);
        try (Stream<Path> left = Files.list(output.getParent())) {
            assertEquals(List.of("app.eif", "pcrs.json"), left.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aMissingBlobsDirectoryIsExitStatus3WithOneSentence() {
        Cli.Result result = Cli.run("build-image", "--blobs", directory.resolve("none").toString(), "--output",
                directory.resolve("app.eif").toString(), "--", "/bin/true");
        assertEquals(3, result.exitCode(), result::toString);
        assertEquals(1, result.errLines().size(), result::toString);
        assertTrue(result.err().contains("does not exist; check the path."), result::err);
    }

    @Test
    void anEnvironmentEntryWithoutEqualsAndModulesWithoutJdkAreUsageErrors() {
        Cli.Result env = Cli.run("build-image", "--blobs", blobs.toString(), "--env", "MODE", "--output",
                directory.resolve("app.eif").toString(), "--", "/bin/true");
        Cli.Result modules = Cli.run("build-image", "--blobs", blobs.toString(), "--runtime", runtime.toString(),
                "--add-modules", "java.base", "--output", directory.resolve("app.eif").toString(), "--", "/bin/true");
        Cli.Result both = Cli.run("build-image", "--blobs", blobs.toString(), "--runtime", runtime.toString(),
                "--jdk", runtime.toString(), "--output", directory.resolve("app.eif").toString(), "--", "/bin/true");
        Cli.Result noCommand = Cli.run("build-image", "--blobs", blobs.toString(), "--output",
                directory.resolve("app.eif").toString());
        assertAll(
                () -> assertEquals(2, env.exitCode(), env::toString),
                () -> assertTrue(env.err().contains("is not NAME=VALUE"), env::err),
                () -> assertEquals(2, modules.exitCode(), modules::toString),
                () -> assertTrue(modules.err().contains("--add-modules needs --jdk"), modules::err),
                () -> assertEquals(2, both.exitCode(), both::toString),
                () -> assertEquals(2, noCommand.exitCode(), noCommand::toString));
    }

    @Test
    void aCommandArgumentWithALineBreakIsRejectedWithStatus1() {
        Cli.Result result = Cli.run("build-image", "--blobs", blobs.toString(), "--output",
                directory.resolve("app.eif").toString(), "--", "/bin/sh", "-c", "a\nb");
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.err().contains("line break"), result::err);
        assertFalse(Files.exists(directory.resolve("app.eif")));
    }
}
