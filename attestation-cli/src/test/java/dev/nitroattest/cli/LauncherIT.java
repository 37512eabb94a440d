package dev.nitroattest.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.testkit.RealDocument;
import dev.nitroattest.testkit.RealDocumentCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code ./nitro-attest} as users and scripts do, as a separate process from the project root, after the jar is
 * packaged. Standard output must hold the tool's lines and nothing else: no JVM or class-data-sharing message.
 */
class LauncherIT {
    private static final Path PROJECT = LauncherProcess.PROJECT;
    private static final String EXAMPLES = "attestation-cli/examples/";
    /** What a correct verifier says of each negative of the corpus, from the manifest's "why". */
    private static final Map<String, String> NEGATIVE_REASONS = Map.of(
            "d_eternis_invalid.cbor", "BAD_SIGNATURE",
            "marlin_mock_root_NOT_AWS.cbor", "UNTRUSTED_CHAIN");
    /** The JDK that runs the tests. */
    private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));

    @TempDir
    Path directory;

    private Cli.Result launch(byte[] input, String... args) throws IOException, InterruptedException {
        return LauncherProcess.run(directory, input, Arrays.asList(args));
    }

    private Cli.Result launch(Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return LauncherProcess.run(directory, PROJECT.resolve("nitro-attest"), environment, new byte[0],
                Arrays.asList(args));
    }

    private Cli.Result launch(String... args) throws IOException, InterruptedException {
        return launch(new byte[0], args);
    }

    @Test
    void theJarCarriesNoTestKit() throws IOException {
        try (JarFile jar = new JarFile(PROJECT.resolve("attestation-cli/target/nitro-attest.jar").toFile())) {
            assertEquals(List.of(), jar.stream().map(JarEntry::getName)
                    .filter(name -> name.startsWith("dev/nitroattest/testkit/")).toList());
            assertTrue(jar.getEntry("dev/nitroattest/cli/samples/new-leaf-documents.bin") != null);
        }
    }

    /** The commands run from the jar (the tests below), so what is left out is not what they use. */
    @Test
    void theJarCarriesNoBouncyCastleProviderOrPostQuantumPackages() throws IOException {
        try (JarFile jar = new JarFile(PROJECT.resolve("attestation-cli/target/nitro-attest.jar").toFile())) {
            assertEquals(List.of(), jar.stream().map(JarEntry::getName)
                    .filter(name -> name.matches("org/bouncycastle/(jcajce|jce|pqc|x509)/.+")).toList());
            assertTrue(jar.getEntry("org/bouncycastle/asn1/x509/Certificate.class") != null);
        }
    }

    /**
     * The launcher names classes of the jar in its compiler settings; a class renamed or moved would leave the setting
     * matching nothing, silently (the JVM is told to be quiet about it).
     */
    @Test
    void theClassesTheLauncherTunesTheCompilerForAreInTheJar() throws IOException {
        String launcher = Files.readString(PROJECT.resolve("nitro-attest"));
        Matcher named = Pattern.compile("CompileCommand=CompileThresholdScaling,([\\w.]+)::").matcher(launcher);
        List<String> classes = new ArrayList<>();
        while (named.find()) {
            classes.add(named.group(1));
        }
        assertFalse(classes.isEmpty(), "the launcher tunes the compiler for the P-384 field arithmetic");
        try (JarFile jar = new JarFile(PROJECT.resolve("attestation-cli/target/nitro-attest.jar").toFile())) {
            for (String name : classes) {
                assertTrue(jar.getEntry(name.replace('.', '/') + ".class") != null, name + " is in the jar");
            }
        }
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
    void genuineRealDocumentsVerifyAtTheirTimestampAndHaveExpiredNowAndTheNegativesAreRejected(@TempDir Path folder)
            throws Exception {
        RealDocumentCorpus corpus = RealDocumentCorpus.load();
        List<String> genuine = corpus.genuine().stream().map(document -> document.writeTo(folder).toString()).toList();
        assertEquals(20, genuine.size(), "genuine documents in the corpus");
        assertEquals(NEGATIVE_REASONS.keySet(), corpus.negatives().stream().map(RealDocument::file)
                .collect(Collectors.toSet()), "the corpus's negatives");

        Cli.Result atTheirTime = launch(concat(List.of("verify", "--at-document-time", "--allow-debug"), genuine));
        assertEquals(0, atTheirTime.exitCode(), atTheirTime::toString);
        assertEquals(genuine.size(), atTheirTime.outLines().size());

        Cli.Result now = launch(concat(List.of("verify", "--allow-debug"), genuine));
        assertEquals(1, now.exitCode(), now::toString);
        assertEquals(genuine.size(), now.outLines().size());
        assertTrue(now.outLines().stream().allMatch(line -> line.matches("REJECTED \\S+ CERTIFICATE_EXPIRED: .+")),
                now::toString);

        for (RealDocument negative : corpus.negatives()) {
            Path file = negative.writeTo(folder);
            Cli.Result result = launch("verify", "--at-document-time", "--allow-debug", file.toString());
            assertEquals(1, result.exitCode(), () -> negative.file() + ": " + result);
            assertTrue(result.out().startsWith("REJECTED " + file + " "
                    + NEGATIVE_REASONS.get(negative.file()) + ": "), () -> negative.file() + ": " + result);
        }
    }

    @Test
    void aDamagedClassArchiveIsIgnoredSilentlyAndRemade() throws Exception {
        Map<String, String> thisJdk = Map.of("JAVA_HOME", THIS_JDK.toString());
        assertEquals(0, launch(thisJdk, "--version").exitCode());
        Path archive = archiveOf(PROJECT.resolve("attestation-cli/target"), THIS_JDK.resolve("bin/java"));
        assertTrue(Files.isRegularFile(archive), "the launcher keeps a class archive of this JDK next to the jar");
        byte[] content = Files.readAllBytes(archive);
        archive.toFile().setWritable(true);
        Files.write(archive, Arrays.copyOf(content, content.length / 2));

        Cli.Result result = launch(thisJdk, "verify", "--trust-anchor", EXAMPLES + "test-kit-root.pem",
                "--at-document-time", "--quiet", EXAMPLES + "test-kit-document.cbor");
        assertEquals(new Cli.Result(0, "", ""), result);
        long recorded = Long.parseLong(Files.readString(Path.of(archive + ".size")).strip());
        assertAll(
                () -> assertEquals(recorded, Files.size(archive), "the archive is as long as when it was made"),
                () -> assertTrue(recorded > content.length / 2, "the archive was made anew, not kept half"));
    }

    /**
     * A checkout where the failure marker cannot be written (read-only: the marker is a link into a folder that does
     * not exist, which fails for root too, whom file permissions do not stop) makes no archive and does not try to.
     * A java that logs its command lines tells whether a training run was started.
     */
    @Test
    void whereTheArchiveCannotBeKeptTheLauncherDoesNotTryToMakeOne() throws Exception {
        Path checkout = Files.createDirectories(directory.resolve("checkout"));
        Path target = Files.createDirectories(checkout.resolve("attestation-cli/target"));
        Path launcher = Files.copy(PROJECT.resolve("nitro-attest"), checkout.resolve("nitro-attest"));
        Files.copy(PROJECT.resolve("attestation-cli/target/nitro-attest.jar"), target.resolve("nitro-attest.jar"));
        Path log = directory.resolve("java-runs.log");
        Path java = fakeJdk("logging-jdk", "17.0.99", "printf '%s\\n' \"$*\" >>'" + log + "'\n"
                + "exec '" + THIS_JDK.resolve("bin/java") + "' \"$@\"\n");
        Path marker = Path.of(archiveOf(target, java) + ".failed");
        Files.createSymbolicLink(marker, directory.resolve("no-such-folder/marker"));
        Map<String, String> environment = Map.of("JAVA_HOME", java.getParent().getParent().toString());

        for (int run = 0; run < 2; run++) {
            Cli.Result result = LauncherProcess.run(directory, launcher, environment, new byte[0],
                    List.of("--version"));
            assertEquals(0, result.exitCode(), result::toString);
            assertTrue(result.out().startsWith("nitro-attest "), result::toString);
            assertEquals("", result.err());
        }
        List<String> runs = Files.readAllLines(log);
        assertEquals(2, runs.size(), () -> "one JVM per launch, no training run: " + runs);
        assertTrue(runs.stream().noneMatch(line -> line.contains("ArchiveClassesAtExit")), runs::toString);
    }

    /**
     * The launcher's one check per run answers two questions: whether a source is newer than the jar (then it builds;
     * this checkout has no Maven wrapper, so the build fails with its own sentence and status 4) and whether the
     * archive is whole and newer than the jar and the JDK (else a training run makes it again). A java that logs its
     * command lines tells which runs were started.
     */
    @Test
    void aNewerSourceRebuildsTheJarAndANewerJarRemakesTheArchive() throws Exception {
        Path checkout = Files.createDirectories(directory.resolve("checkout"));
        Path target = Files.createDirectories(checkout.resolve("attestation-cli/target"));
        Path launcher = Files.copy(PROJECT.resolve("nitro-attest"), checkout.resolve("nitro-attest"));
        Path sources = Files.createDirectories(checkout.resolve("attestation-core/src/main/java"));
        Path source = Files.writeString(sources.resolve("A.java"), "class A {}\n");
        Path jar = Files.copy(PROJECT.resolve("attestation-cli/target/nitro-attest.jar"),
                target.resolve("nitro-attest.jar"));
        FileTime before = FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000);
        for (Path path : List.of(source, sources, sources.getParent(), sources.getParent().getParent())) {
            Files.setLastModifiedTime(path, before);
        }
        Path log = directory.resolve("java-runs.log");
        Path java = fakeJdk("logging-jdk", "17.0.99", "printf '%s\\n' \"$*\" >>'" + log + "'\n"
                + "exec '" + THIS_JDK.resolve("bin/java") + "' \"$@\"\n");
        Files.setLastModifiedTime(java, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        Map<String, String> environment = Map.of("JAVA_HOME", java.getParent().getParent().toString());

        assertEquals(3, launchVersion(launcher, environment, log).size(), "training, its check and the run");
        Path archive = archiveOf(target, java);
        assertTrue(Files.isRegularFile(archive), "the archive is made next to the jar");
        assertEquals(List.of("--version"), lastArguments(launchVersion(launcher, environment, log)),
                "a fresh archive and an up-to-date jar: one JVM, on the archive");

        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(archive).toMillis() + 2_000));
        List<String> afterNewerJar = launchVersion(launcher, environment, log);
        assertEquals(3, afterNewerJar.size(), () -> "a jar newer than the archive has it made again: " + afterNewerJar);
        assertTrue(afterNewerJar.get(0).contains("ArchiveClassesAtExit"), afterNewerJar::toString);

        Files.setLastModifiedTime(source, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2_000));
        Cli.Result stale = LauncherProcess.run(directory, launcher, environment, new byte[0], List.of("--version"));
        assertAll(
                () -> assertEquals(4, stale.exitCode(), stale::toString),
                () -> assertEquals("", stale.out(), stale::toString),
                () -> assertTrue(stale.err().contains("nitro-attest: building " + jar.toRealPath() + " failed"), stale::toString));
    }

    /** Launches --version, requires it to succeed, and returns the java command lines it started. */
    private List<String> launchVersion(Path launcher, Map<String, String> environment, Path log) throws Exception {
        Files.deleteIfExists(log);
        Cli.Result result = LauncherProcess.run(directory, launcher, environment, new byte[0], List.of("--version"));
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.err(), result::toString);
        return Files.readAllLines(log);
    }

    /** The arguments after the main class of the last command line. */
    private static List<String> lastArguments(List<String> runs) {
        String last = runs.get(runs.size() - 1);
        String main = "dev.nitroattest.cli.NitroAttest ";
        assertTrue(last.contains(main) && last.contains("-XX:SharedArchiveFile="), last);
        return List.of(last.substring(last.indexOf(main) + main.length()).split(" "));
    }

    @Test
    void aJavaOlderThan17IsRefusedWithOneSentenceAndStatus4() throws Exception {
        String refuse = "echo 'Error: UnsupportedClassVersionError (the fake java was run)' >&2\nexit 1\n";
        Path java11 = fakeJdk("jdk-11", "11.0.22", refuse);
        Cli.Result byJavaHome = launch(Map.of("JAVA_HOME", java11.getParent().getParent().toString()), "--version");
        assertJavaRefused(byJavaHome, "Java 11");

        // No release file: the launcher asks the java itself, which answers as JDK 8 does with JAVA_TOOL_OPTIONS set.
        Path java8 = fakeJdk("jdk-8", null, "if [ \"$1\" = -version ]; then\n"
                + "    echo 'Picked up JAVA_TOOL_OPTIONS: -Xmx1g' >&2\n"
                + "    echo 'openjdk version \"1.8.0_392\"' >&2\n    exit 0\nfi\n" + refuse);
        Map<String, String> onThePath = new HashMap<>();
        onThePath.put("JAVA_HOME", null);
        onThePath.put("PATH", java8.getParent() + ":" + System.getenv("PATH"));
        assertJavaRefused(launch(onThePath, "verify", "--help"), "Java 8");
    }

    private static void assertJavaRefused(Cli.Result result, String version) {
        assertAll(
                () -> assertEquals(4, result.exitCode(), result::toString),
                () -> assertEquals("", result.out(), result::toString),
                () -> assertEquals(1, result.errLines().size(), result::toString),
                () -> assertTrue(result.err().startsWith("nitro-attest: ") && result.err().contains(" is " + version
                        + ", but nitro-attest needs Java 17 or later; install a JDK 17 or later, or set JAVA_HOME"),
                        result::toString),
                () -> assertFalse(result.err().contains("fake java was run"), result::toString));
    }

    /**
     * A folder shaped like a JDK whose bin/java is this shell script, with a release file giving this version (none
     * when null). Returns the java.
     */
    private Path fakeJdk(String name, String version, String script) throws IOException {
        Path home = Files.createDirectories(directory.resolve(name));
        if (version != null) {
            Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        }
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    /**
     * The class archive the launcher keeps in target for this java: named after its real path, letters, digits, '.' and
     * '-' kept, '/', '_' and '+' written as _2f, _5f and _2b (the JDKs of these tests have no other character).
     */
    private static Path archiveOf(Path target, Path java) throws IOException {
        StringBuilder name = new StringBuilder("nitro-attest-");
        for (char c : java.toRealPath().toString().toCharArray()) {
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
                name.append(c);
            } else {
                name.append(switch (c) {
                    case '/' -> "_2f";
                    case '_' -> "_5f";
                    case '+' -> "_2b";
                    default -> throw new IllegalStateException("the launcher names this JDK by a checksum: " + java);
                });
            }
        }
        return target.resolve(name.append(".jsa").toString());
    }

    private static String[] concat(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all.toArray(String[]::new);
    }
}
