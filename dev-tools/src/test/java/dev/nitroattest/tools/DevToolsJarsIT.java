package dev.nitroattest.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The development jars hold what the demo and the load test run: the agent with its emulated NSM, the tools. */
class DevToolsJarsIT {
    @Test
    void theEmulatedAgentJarHasTheAgentTheEmulatorAndItsServiceEntry() throws IOException {
        List<String> entries = entries(System.getProperty("agent.emulated.jar", "target/enclave-agent-emulated.jar"));
        for (String entry : List.of("dev/nitroattest/agent/AgentMain.class",
                "dev/nitroattest/nsm/emulated/EmulatedNsm.class", "dev/nitroattest/testkit/TestPki.class",
                "META-INF/services/dev.nitroattest.nsm.NsmEmulation")) {
            assertTrue(entries.contains(entry), entry);
        }
        assertTrue(entries.stream().noneMatch(entry -> entry.startsWith("dev/nitroattest/proxy/")));
    }

    @Test
    void theToolsJarHasTheDemoClientAndTheLoadTest() throws IOException {
        List<String> entries = entries(System.getProperty("tools.jar", "target/dev-tools.jar"));
        for (String tool : List.of("dev/nitroattest/tools/demo/DemoClient.class",
                "dev/nitroattest/tools/load/LoadTest.class", "dev/nitroattest/nsm/emulated/EmulatedNsm.class",
                "dev/nitroattest/agent/AgentServer.class")) {
            assertTrue(entries.contains(tool), tool);
        }
    }

    /**
     * The jar runs as the demo runs it, up to the agent listening with its emulated NSM made (a test PKI, a signed
     * document's chain): a runtime dependency left out of the jar (Bouncy Castle, once attestation-core no longer
     * brought it) fails here rather than in a stranger's first {@code ./demo}.
     */
    @Test
    void theEmulatedAgentJarStartsAndListens() throws Exception {
        String jar = System.getProperty("agent.emulated.jar", "target/enclave-agent-emulated.jar");
        Path log = Files.createTempFile("emulated-agent", ".log");
        Path root = Files.createTempFile("emulator-root", ".pem");
        Process agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar, "--listen", "tcp:127.0.0.1:0", "--nsm", "emulated", "--emulated-root-out",
                root.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            // A safety net against a hang, not a measure of speed.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("listening on tcp:127.0.0.1:")) {
                assertTrue(agent.isAlive(), () -> "the agent stopped before listening:\n" + read(log));
                assertTrue(System.nanoTime() < deadline, () -> "the agent did not listen within a minute:\n"
                        + read(log));
                Thread.sleep(50);
            }
            assertTrue(Files.readString(root).startsWith("-----BEGIN CERTIFICATE-----"), "the emulator's root");
        } finally {
            agent.destroy();
            agent.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(log);
            Files.deleteIfExists(root);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(the log could not be read: " + e.getMessage() + ")";
        }
    }

    private static List<String> entries(String jar) throws IOException {
        try (JarFile file = new JarFile(jar)) {
            return file.stream().map(JarEntry::getName).toList();
        }
    }
}
