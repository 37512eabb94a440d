package dev.nitroattest.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.proxy.testing.Json;
import dev.nitroattest.proxy.testing.RunningProxy;
import dev.nitroattest.proxy.testing.TestAgent;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line's named relaxations, --allow-debug and --accept-any-image, on a running proxy: each lets through
 * exactly the documents it names, and without it they are 502.
 */
@Timeout(60)
class RelaxationsTest {
    private static final String ZERO_HEX = HexFormat.of().formatHex(TestAgent.ZERO);

    @TempDir
    Path directory;

    @Test
    void aDebugEnclavesDocumentIs502DebugEnclaveWithoutAllowDebug() throws Exception {
        try (TestAgent debug = TestAgent.debugEnclave();
                RunningProxy proxy = proxy(debug, "--expected-pcr", "0=" + ZERO_HEX)) {
            HttpResponse<byte[]> response = proxy.attest("{}");
            assertEquals(502, response.statusCode(), RunningProxy.text(response));
            Map<String, Object> error = Json.object(response.body());
            assertEquals("DOCUMENT_REJECTED", error.get("error"));
            assertTrue(((String) error.get("message")).contains("DEBUG_ENCLAVE"), error.toString());
        }
    }

    @Test
    void withAllowDebugADebugEnclavesDocumentIsServed() throws Exception {
        try (TestAgent debug = TestAgent.debugEnclave();
                RunningProxy proxy = proxy(debug, "--expected-pcr", "0=" + ZERO_HEX, "--allow-debug")) {
            HttpResponse<byte[]> response = proxy.attest("{\"nonce\": \"AQID\"}");
            assertEquals(200, response.statusCode(), RunningProxy.text(response));
            AttestationVerifier.builder().trustAnchors(TrustAnchor.fromPem(debug.rootPem())).acceptAnyEnclaveImage()
                    .allowDebugEnclaves().anyAge().build().verify(response.body(), Expectations.nonce(new byte[] {1, 2, 3}));
        }
    }

    @Test
    void withAcceptAnyImageADocumentFromAnUnpinnedImageIsServed() throws Exception {
        try (TestAgent agent = TestAgent.start(); RunningProxy proxy = proxy(agent, "--accept-any-image")) {
            HttpResponse<byte[]> response = proxy.attest("{}", "application/json");
            assertEquals(200, response.statusCode(), RunningProxy.text(response));
            Map<String, Object> pcrs = Json.object(Json.object(Json.object(response.body()).get("verified"))
                    .get("pcrs"));
            assertEquals(HexFormat.of().formatHex(TestAgent.PCR0), pcrs.get("0"));
        }
    }

    @Test
    void acceptAnyImageStillRefusesADebugEnclave() throws Exception {
        try (TestAgent debug = TestAgent.debugEnclave(); RunningProxy proxy = proxy(debug, "--accept-any-image")) {
            HttpResponse<byte[]> response = proxy.attest("{}");
            assertEquals(502, response.statusCode(), RunningProxy.text(response));
            assertTrue(RunningProxy.text(response).contains("DEBUG_ENCLAVE"), RunningProxy.text(response));
        }
    }

    /** A proxy started from this command line, in front of the agent and trusting its emulator's root. */
    private RunningProxy proxy(TestAgent agent, String... options) throws Exception {
        Path root = directory.resolve("root.pem");
        Files.writeString(root, agent.rootPem());
        List<String> args = new ArrayList<>(List.of("--enclave", agent.endpoint().toString(), "--http",
                "127.0.0.1:0", "--trust-anchor", root.toString()));
        args.addAll(List.of(options));
        ProxyCommand command = new ProxyCommand();
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        return RunningProxy.started(command.plan().settings());
    }
}
