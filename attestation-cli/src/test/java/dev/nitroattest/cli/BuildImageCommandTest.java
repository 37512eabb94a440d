package dev.nitroattest.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.eif.EnclaveImageFile;
import dev.nitroattest.testkit.EifWriter;
import dev.nitroattest.testkit.StandInBlobs;
import java.nio.file.Files;
import java.util.Base64;
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
    void signedWithACertificateAndKeyItPrintsThePcr8TheReaderComputesAndTwoBuildsAreTheSameBytes() throws Exception {
        Path certificate = Files.writeString(directory.resolve("signer.pem"), TestFiles.PKI.leaf().pem());
        Path key = Files.writeString(directory.resolve("signer-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(TestFiles.PKI.leaf().key().jcaPrivateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Path first = directory.resolve("first.eif");
        Path second = Files.createDirectories(directory.resolve("again")).resolve("second.eif");
        Cli.Result built = Cli.run(args(first, "--signing-cert", certificate.toString(), "--signing-key",
                key.toString()).toArray(String[]::new));
        Cli.Result again = Cli.run(args(second, "--signing-cert", certificate.toString(), "--signing-key",
                key.toString()).toArray(String[]::new));
        Cli.Result measured = Cli.run("pcrs", first.toString());
        String pcr8 = EnclaveImageFile.read(first).measurements().pcr8().orElseThrow().toHex();
        assertAll(
                () -> assertEquals(0, built.exitCode(), built::toString),
                () -> assertEquals(4, built.outLines().size(), built::out),
                () -> assertEquals("PCR8 " + pcr8, built.outLines().get(3)),
                () -> assertEquals(measured.out(), built.out()),
                () -> assertTrue(Files.readString(directory.resolve("pcrs.json")).contains("\"PCR8\": \"" + pcr8),
                        "pcrs.json has no PCR8"),
                () -> assertEquals(0, again.exitCode(), again::toString),
                () -> assertEquals(-1, Files.mismatch(first, second), "two signed builds differ"));
    }

    @Test
    void aSigningCertificateWithoutItsKeyIsAUsageErrorAndAForeignKeyIsRefusedWithStatus1() throws Exception {
        Path certificate = Files.writeString(directory.resolve("signer.pem"), TestFiles.PKI.leaf().pem());
        Path foreign = Files.writeString(directory.resolve("foreign-key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(TestFiles.PKI.root().key().jcaPrivateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Path output = directory.resolve("app.eif");
        Cli.Result alone = Cli.run(args(output, "--signing-cert", certificate.toString()).toArray(String[]::new));
        Cli.Result mismatched = Cli.run(args(output, "--signing-cert", certificate.toString(), "--signing-key",
                foreign.toString()).toArray(String[]::new));
        assertAll(
                () -> assertEquals(2, alone.exitCode(), alone::toString),
                () -> assertTrue(alone.err().contains("--signing-cert needs --signing-key"), alone::err),
                () -> assertEquals(1, mismatched.exitCode(), mismatched::toString),
                () -> assertEquals(1, mismatched.errLines().size(), mismatched::toString),
                () -> assertTrue(mismatched.err().contains("is not the private key of the certificate in"),
                        mismatched::err),
                () -> assertFalse(Files.exists(output)));
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
