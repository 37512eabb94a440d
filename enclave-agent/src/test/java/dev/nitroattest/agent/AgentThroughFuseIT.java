package dev.nitroattest.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.agent.client.AgentClient;
import dev.nitroattest.agent.client.AgentErrorException;
import dev.nitroattest.agent.protocol.AgentErrorCode;
import dev.nitroattest.agent.protocol.AgentResponse;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.ExpectedPcrs;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.nsm.emulated.EmulatedAuthority;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.testing.FuseNsmFile;
import dev.nitroattest.testing.NsmFrames.Answer;
import dev.nitroattest.vsock.ConnectEndpoint;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's shaded jar as a process with {@code --nsm} pointed at a FUSE file that answers the NSM ioctl with the
 * emulated NSM: client, agent protocol over TCP loopback, JNA ioctl, kernel, FUSE server, emulator and back. The
 * agent does not know it is not talking to {@code /dev/nsm}. Skips where FUSE cannot be mounted.
 */
@Timeout(120)
class AgentThroughFuseIT {
    private static final Pattern LISTENING = Pattern.compile("listening on (tcp:127\\.0\\.0\\.1:\\d+) ");

    @TempDir
    Path directory;

    @Test
    void theAgentServesVerifiedDocumentsThroughTheRealIoctlAndReportsAnNsmThatDoesNotAnswer() throws Exception {
        byte[] pcr0 = new byte[48];
        Arrays.fill(pcr0, (byte) 0xa0);
        AtomicBoolean silent = new AtomicBoolean();
        try (EmulatedNsm emulator = EmulatedNsm.builder().authority(EmulatedAuthority.testPki("FUSE agent test"))
                        .pcr(0, pcr0).build();
                FuseNsmFile fuse = FuseNsmFile.mount(directory, 1_000, request -> silent.get()
                        ? new Answer.Silence() : new Answer.Response(emulator.exchange(request)))) {
            String jar = System.getProperty("agent.jar", "target/enclave-agent.jar");
            Process agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar, "--listen", "tcp:127.0.0.1:0", "--nsm", fuse.path().toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<String> endpoint = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(agent.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        log.add(line);
                        Matcher matcher = LISTENING.matcher(line);
                        if (matcher.find()) {
                            endpoint.complete(matcher.group(1));
                        }
                    }
                } catch (java.io.IOException e) {
                    endpoint.completeExceptionally(e);
                }
                endpoint.completeExceptionally(new IllegalStateException("the agent ended: " + log));
            }, "agent stderr");
            reader.setDaemon(true);
            reader.start();
            try {
                ConnectEndpoint address = ConnectEndpoint.parse(endpoint.get(60, TimeUnit.SECONDS));
                byte[] nonce = "agent through FUSE".getBytes(StandardCharsets.US_ASCII);
                try (AgentClient client = AgentClient.connect(address)) {
                    client.health();
                    AgentResponse.NsmInfo info = client.describeNsm();
                    assertEquals(emulator.moduleId(), info.moduleId());
                    assertTrue(client.describePcr(0).locked());
                    AttestationVerifier.builder()
                            .trustAnchors(TrustAnchor.fromPem(emulator.rootCertificatePem()))
                            .expectPcrs(ExpectedPcrs.builder().accept(0, pcr0).build())
                            .maxAge(Duration.ofMinutes(5))
                            .build()
                            .verify(client.attestation(nonce), Expectations.nonce(nonce));

                    // An NSM that never answers: the driver's timeout (here the FUSE server's 1 s) ends the ioctl,
                    // and the agent answers with an error instead of hanging; it then serves again.
                    silent.set(true);
                    AgentErrorException e = assertThrows(AgentErrorException.class,
                            () -> client.attestation(nonce));
                    assertEquals(AgentErrorCode.INTERNAL, e.code());
                    assertTrue(e.getMessage().contains("ETIMEDOUT"), e.getMessage());
                    silent.set(false);
                    assertEquals(emulator.moduleId(), client.describeNsm().moduleId());
                }
                agent.destroy();
                assertTrue(agent.waitFor(60, TimeUnit.SECONDS), "the agent stops after SIGTERM");
                assertEquals(143, agent.exitValue(), log.toString());
            } finally {
                agent.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
            }
        }
    }
}
