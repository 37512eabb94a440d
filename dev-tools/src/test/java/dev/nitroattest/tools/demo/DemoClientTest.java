package dev.nitroattest.tools.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.agent.AgentServer;
import dev.nitroattest.agent.AgentSettings;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.ExpectedPcrs;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.proxy.HttpAddress;
import dev.nitroattest.proxy.ParentProxy;
import dev.nitroattest.proxy.ProxySettings;
import dev.nitroattest.text.LineLog;
import dev.nitroattest.vsock.TcpEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's relying party: verified documents print a summary, anything else is status 1 with one sentence. It runs
 * against an agent with the emulated NSM and a parent proxy started here through their public API, as the demo
 * starts their jars; another module's test classes are not used, so that building dev-tools never needs a test jar
 * that only an install would have left in the local repository.
 */
@Timeout(60)
class DemoClientTest {
    private static final byte[] PCR0 = filled(0xa0);
    private static final byte[] PCR1 = filled(0xa1);
    private static final byte[] PCR2 = filled(0xa2);

    private static EmulatedNsm emulator;
    private static NsmClient nsm;
    private static AgentServer agent;
    private static ParentProxy proxy;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() throws Exception {
        emulator = EmulatedNsm.builder().pcr(0, PCR0).pcr(1, PCR1).pcr(2, PCR2).build();
        nsm = new NsmClient(emulator);
        agent = AgentServer.start(new TcpEndpoint("127.0.0.1", 0), nsm, AgentSettings.defaults(), line -> { });
        AttestationVerifier verifier = AttestationVerifier.builder()
                .trustAnchors(TrustAnchor.fromPem(emulator.rootCertificatePem()))
                .expectPcrs(ExpectedPcrs.builder().accept(0, PCR0).accept(1, PCR1).accept(2, PCR2).build())
                .anyAge()
                .build();
        proxy = ParentProxy.start(ProxySettings.builder((TcpEndpoint) agent.endpoint(), verifier)
                .http(new HttpAddress("127.0.0.1", 0)).build(), LineLog.discard());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        agent.close();
        nsm.close();
    }

    private record Run(int status, String out, String err) {}

    private Run run(String... pins) throws Exception {
        Path root = directory.resolve("root.pem");
        Files.writeString(root, emulator.rootCertificatePem());
        List<String> args = new ArrayList<>(List.of("--proxy",
                "http://127.0.0.1:" + proxy.httpPort(), "--trust-anchor", root.toString(), "--document-out",
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
        String pcr0 = HexFormat.of().formatHex(PCR0);
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

    private static byte[] filled(int value) {
        byte[] bytes = new byte[48];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
