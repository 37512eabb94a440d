package dev.nitroattest.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.nitroattest.agent.binding.EnclaveBinding;
import dev.nitroattest.agent.client.AgentClient;
import dev.nitroattest.agent.protocol.AgentErrorCode;
import dev.nitroattest.agent.protocol.AgentResponse;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.ExpectedPcrs;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.testing.EchoListener;
import dev.nitroattest.testing.RawAgentClient;
import dev.nitroattest.testkit.CborWriter;
import dev.nitroattest.vsock.ConnectEndpoint;
import dev.nitroattest.vsock.TcpEndpoint;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as a process: what an operator runs, and what goes into the enclave image. The jar has no emulated
 * NSM; the tests that serve documents add the dev-nsm-emulator module (and the test kit it signs with) from this
 * test's own class path, behind the jar, as a developer machine would.
 */
@Timeout(120)
class AgentJarIT {
    private static final Pattern LISTENING = Pattern.compile("listening on (tcp:127\\.0\\.0\\.1:\\d+) ");
    private static final Pattern BRIDGING = Pattern.compile("bridging (tcp:127\\.0\\.0\\.1:\\d+) to ");
    private static final String PCR0 = "a0".repeat(48);
    private static final String PCR1 = "a1".repeat(48);
    private static final String PCR2 = "a2".repeat(48);

    @TempDir
    Path directory;

    private static String jar() {
        return System.getProperty("agent.jar", "target/enclave-agent.jar");
    }

    private static ProcessBuilder agent(String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** The jar first, then this test's class path without this module's own classes: the emulator comes from it. */
    private static ProcessBuilder agentWithEmulator(String... args) {
        String classPath = jar() + File.pathSeparator + Arrays.stream(
                        System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).toAbsolutePath().startsWith(Path.of("target").toAbsolutePath()))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(java(), "-cp", classPath, "dev.nitroattest.agent.AgentMain"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The agent's standard error so far; it goes to a file, which outlives Process.destroy() closing the pipes. */
    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    /** The first group of the first line that matches, once the agent has written it (within 60 s). */
    private static String awaitLine(Path stderr, Pattern pattern) throws Exception {
        for (int attempt = 0; attempt < 600; attempt++) {
            for (String line : lines(stderr)) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no line matching " + pattern + " within 60 s: " + lines(stderr));
    }

    /** The agent's last line is "stopped", with status 143 (128 + SIGTERM), and no stack trace came before. */
    private static void assertStoppedCleanly(Process process, Path stderr) throws Exception {
        process.destroy();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the agent stops after SIGTERM");
        assertEquals(143, process.exitValue(), "the JVM's status after SIGTERM (128 + 15)");
        List<String> seen = lines(stderr);
        assertTrue(seen.get(seen.size() - 1).endsWith("enclave-agent: stopped"), seen.toString());
        assertFalse(seen.stream().anyMatch(line -> line.contains("Exception") || line.startsWith("\tat ")),
                seen.toString());
    }

    @Test
    void theJarServesVerifiableDocumentsAndStopsCleanlyOnSigterm() throws Exception {
        Path root = directory.resolve("emulator-root.pem");
        Path stderr = directory.resolve("stderr.txt");
        Process process = agentWithEmulator("--listen", "tcp:127.0.0.1:0", "--nsm", "emulated", "--emulated-root-out",
                root.toString(), "--emulated-pcr", "0=" + PCR0, "--emulated-pcr", "1=" + PCR1, "--emulated-pcr",
                "2=" + PCR2).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
        try {
            String endpoint = awaitLine(stderr, LISTENING);
            assertTrue(lines(stderr).get(0).contains("WARNING: the NSM is EMULATED"), lines(stderr).toString());

            AttestationVerifier verifier = AttestationVerifier.builder()
                    .trustAnchors(TrustAnchor.fromPemFile(root))
                    .expectPcrs(ExpectedPcrs.builder().accept(0, PCR0).accept(1, PCR1).accept(2, PCR2).build()).anyAge()
                    .build();
            byte[] nonce = "jar test nonce".getBytes(StandardCharsets.US_ASCII);
            try (AgentClient client = AgentClient.connect(ConnectEndpoint.parse(endpoint))) {
                client.health();
                verifier.verify(client.attestation(nonce), Expectations.nonce(nonce));
            }

            assertStoppedCleanly(process, stderr);
        } finally {
            process.destroyForcibly();
        }
    }

    /** Issue 19 with the jar an image runs: --binding-file as the operator gives it, over the real listener. */
    @Test
    void theJarAttachesThePublishedBindingAndRefusesACallersKey() throws Exception {
        Path root = directory.resolve("emulator-root.pem");
        Path stderr = directory.resolve("stderr.txt");
        Path bindingFile = directory.resolve("binding.cbor");
        Process process = agentWithEmulator("--listen", "tcp:127.0.0.1:0", "--nsm", "emulated", "--emulated-root-out",
                root.toString(), "--emulated-pcr", "0=" + PCR0, "--binding-file", bindingFile.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
        try {
            String endpoint = awaitLine(stderr, LISTENING);
            assertTrue(lines(stderr).stream().anyMatch(line -> line.endsWith("documents bind the caller's nonce and "
                    + "the enclave's binding from " + bindingFile + " (now unavailable, MISSING: The enclave's "
                    + "binding file " + bindingFile + " does not exist yet: the enclave application has not published "
                    + "its binding, so retry once it has.)")), lines(stderr).toString());
            byte[] enclaveKey = "the enclave's key".getBytes(StandardCharsets.US_ASCII);
            EnclaveBinding.of(enclaveKey, null).publish(bindingFile);
            AttestationVerifier verifier = AttestationVerifier.builder().trustAnchors(TrustAnchor.fromPemFile(root))
                    .expectPcrs(ExpectedPcrs.builder().accept(0, PCR0).build()).anyAge().build();
            byte[] nonce = "jar binding nonce".getBytes(StandardCharsets.US_ASCII);
            try (AgentClient client = AgentClient.connect(ConnectEndpoint.parse(endpoint))) {
                verifier.verify(client.attestation(nonce), Expectations.nonce(nonce).withPublicKey(enclaveKey));
            }
            int port = ((TcpEndpoint) ConnectEndpoint.parse(endpoint)).port();
            try (RawAgentClient raw = RawAgentClient.tcp(port)) {
                AgentResponse.Failure refused = (AgentResponse.Failure) raw.exchange(new CborWriter().startMap(2)
                        .text("op").text("attestation").text("public_key").bytes(new byte[] {1}).toByteArray());
                assertEquals(AgentErrorCode.CALLER_BINDING_REFUSED, refused.code(), refused.message());
            }
            assertStoppedCleanly(process, stderr);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void theJarBridgesALoopbackPortToItsDestinationUntilSigterm() throws Exception {
        Path stderr = directory.resolve("stderr.txt");
        try (EchoListener echo = EchoListener.start(new TcpEndpoint("127.0.0.1", 0))) {
            Process process = agentWithEmulator("--listen", "tcp:127.0.0.1:0", "--nsm", "emulated", "--bridge",
                    "tcp:127.0.0.1:0=" + echo.endpoint(), "--bridge-max-connections", "2")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
            try {
                ConnectEndpoint bridge = ConnectEndpoint.parse(awaitLine(stderr, BRIDGING));
                awaitLine(stderr, LISTENING);
                byte[] payload = "not for the log ".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
                try (RawAgentClient client = new RawAgentClient(bridge, Duration.ofSeconds(5),
                        Duration.ofSeconds(20))) {
                    // Read while writing: what the echo sends back would fill the buffers of a client that waits.
                    CompletableFuture<byte[]> back = CompletableFuture.supplyAsync(() -> readToEnd(client));
                    client.send(payload);
                    client.endOutput();
                    assertArrayEquals(payload, back.get(30, TimeUnit.SECONDS));
                }

                assertStoppedCleanly(process, stderr);
                assertTrue(lines(stderr).stream().anyMatch(line -> line.contains("(at most 2 connections, idle "
                        + "timeout 300000 ms)")), lines(stderr).toString());
                assertFalse(lines(stderr).stream().anyMatch(line -> line.contains("not for the log")));
                assertThrows(ConnectException.class, () -> bridge.connect(Duration.ofSeconds(5)));
            } finally {
                process.destroyForcibly();
            }
        }
    }

    private static byte[] readToEnd(RawAgentClient client) {
        try {
            return client.readToEnd();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void withoutDevNsmTheJarFailsWithOneSentenceAndStatus1() throws Exception {
        assumeFalse(Files.exists(Path.of("/dev/nsm")), "this machine has an NSM device; the test is for one without");
        Path stderr = directory.resolve("stderr.txt");
        Process process = agent("--listen", "tcp:127.0.0.1:0", "--nsm", "/dev/nsm")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
        try {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, process.exitValue());
            assertEquals(List.of("enclave-agent: There is no NSM device at /dev/nsm: the agent is not running in a "
                    + "Nitro enclave (to develop outside one, run dev-tools/target/enclave-agent-emulated.jar with --nsm "
                    + "emulated)."), lines(stderr));
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void theEnclaveJarHasNoEmulatorAndSaysSoWhenAskedForOne() throws Exception {
        Path stderr = directory.resolve("stderr.txt");
        Process process = agent("--listen", "tcp:127.0.0.1:0", "--nsm", "emulated")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
        try {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(2, process.exitValue());
            assertEquals(List.of("enclave-agent: This agent has no emulated NSM (the enclave image's jar never has "
                    + "one): on a developer machine, run dev-tools/target/enclave-agent-emulated.jar instead."),
                    lines(stderr));
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void theEnclaveJarCarriesNeitherTheTestKitNorTheEmulator() throws Exception {
        try (JarFile file = new JarFile(jar())) {
            List<String> found = file.stream().map(JarEntry::getName)
                    .filter(name -> name.startsWith("dev/nitroattest/testkit/")
                            || name.startsWith("dev/nitroattest/nsm/emulated/")
                            || name.equals("META-INF/services/dev.nitroattest.nsm.NsmEmulation"))
                    .toList();
            assertEquals(List.of(), found);
            assertNotNull(file.getEntry("dev/nitroattest/nsm/device/NsmDevice.class"));
        }
    }

    /**
     * The enclave's PCRs pin these bytes, so they hold only what the agent runs: the foundation module, not the
     * verifier (attestation-core) nor Bouncy Castle, which the agent never calls.
     */
    @Test
    void theEnclaveJarCarriesNeitherTheVerifierNorBouncyCastle() throws Exception {
        try (JarFile file = new JarFile(jar())) {
            List<String> found = file.stream().map(JarEntry::getName)
                    .filter(name -> name.startsWith("org/bouncycastle/")
                            || name.startsWith("dev/nitroattest/attestation/")
                            || name.startsWith("dev/nitroattest/eif/"))
                    .toList();
            assertEquals(List.of(), found);
            assertNotNull(file.getEntry("dev/nitroattest/cbor/CborScanner.class"));
            assertNotNull(file.getEntry("dev/nitroattest/bytes/Bytes.class"));
        }
    }
}
