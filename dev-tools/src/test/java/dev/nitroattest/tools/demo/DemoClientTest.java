package dev.nitroattest.tools.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.proxy.testing.RunningProxy;
import dev.nitroattest.proxy.testing.TestAgent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The demo's relying party: verified documents print a summary, anything else is status 1 with one sentence. */
@Timeout(60)
class DemoClientTest {
    private static TestAgent agent;
    private static RunningProxy proxy;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start();
        proxy = RunningProxy.inFrontOf(agent);
    }

    @AfterAll
    static void stop() {
        proxy.close();
        agent.close();
    }

    private record Run(int status, String out, String err) {}

    private Run run(String... pins) throws Exception {
        Path root = directory.resolve("root.pem");
        Files.writeString(root, agent.rootPem());
        List<String> args = new ArrayList<>(List.of("--proxy",
                "http://127.0.0.1:" + proxy.port(), "--trust-anchor", root.toString(), "--document-out",
                directory.resolve("document.cbor").toString(), "--wait", "10"));
        for (String pin : pins) {
            args.add("--pcr");
            args.add(pin);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DemoClient.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aVerifiedDocumentIsSummarisedWithTheEquivalentCliCommand() throws Exception {
        String pcr0 = HexFormat.of().formatHex(TestAgent.PCR0);
        Run run = run("0=" + pcr0);
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("Verified an attestation document"), run.out());
        assertTrue(run.out().contains("PCR0       " + pcr0 + " (pinned, matches)"), run.out());
        assertTrue(run.out().contains("(leaf, signed the document)"), run.out());
        assertTrue(run.out().contains("./nitro-attest verify --trust-anchor "), run.out());
        assertTrue(Files.size(directory.resolve("document.cbor")) > 4000);
    }

    @Test
    void aPinTheEnclaveDoesNotMatchIsStatus1() throws Exception {
        Run run = run("0=" + "00".repeat(48));
        assertEquals(1, run.status(), run.out());
        assertTrue(run.err().startsWith("demo-client: The document did NOT verify: PCR_MISMATCH"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }
}
