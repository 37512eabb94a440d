package dev.nitroattest.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.jar.JarEntry;
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

    private static List<String> entries(String jar) throws IOException {
        try (JarFile file = new JarFile(jar)) {
            return file.stream().map(JarEntry::getName).toList();
        }
    }
}
