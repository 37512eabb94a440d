package dev.nitroattest.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.ExpectedPcrs;
import dev.nitroattest.attestation.TrustAnchor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator runs: the enclave agent as a process (its main class on this test's class path, with the
 * emulated NSM) and the proxy's shaded jar as another, talking over TCP on 127.0.0.1; and what that jar holds.
 */
@Timeout(120)
class ProxyJarIT {
    private static final Pattern AGENT_LISTENING = Pattern.compile("listening on (tcp:127\\.0\\.0\\.1:\\d+) ");
    private static final Pattern PROXY_LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)/");
    private static final String PCR0 = "c0".repeat(48);
    private static final String PCR1 = "c1".repeat(48);

    @TempDir
    Path directory;

    @Test
    void theJarServesVerifiedDocumentsFromARealAgentProcessAndStopsOnSigterm() throws Exception {
        Path root = directory.resolve("root.pem");
        Path agentLog = directory.resolve("agent.log");
        Path proxyLog = directory.resolve("proxy.log");
        Process agent = java(agentLog, "-cp", System.getProperty("java.class.path"),
                "dev.nitroattest.agent.AgentMain", "--listen", "tcp:127.0.0.1:0", "--nsm", "emulated",
                "--emulated-root-out", root.toString(), "--emulated-pcr", "0=" + PCR0, "--emulated-pcr", "1=" + PCR1);
        Process proxy = null;
        try {
            String agentEndpoint = await(agentLog, AGENT_LISTENING);
            proxy = java(proxyLog, "-jar", jar(), "--enclave", agentEndpoint, "--http", "127.0.0.1:0",
                    "--trust-anchor", root.toString(), "--expected-pcr", "0=" + PCR0, "--expected-pcr", "1=" + PCR1);
            URI base = URI.create(await(proxyLog, PROXY_LISTENING));

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            assertEquals(200, http.send(HttpRequest.newBuilder(base.resolve("/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            byte[] nonce = "the jar test's nonce".getBytes(StandardCharsets.US_ASCII);
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(base.resolve("/v1/attestation"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"nonce\": \""
                            + Base64.getEncoder().encodeToString(nonce) + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
            AttestationVerifier.builder().trustAnchors(TrustAnchor.fromPemFile(root))
                    .expectPcrs(ExpectedPcrs.builder().accept(0, PCR0).accept(1, PCR1).build()).anyAge().build()
                    .verify(response.body(), Expectations.nonce(nonce));

            proxy.destroy();
            assertTrue(proxy.waitFor(30, TimeUnit.SECONDS), "the proxy did not stop on SIGTERM");
            assertEquals(143, proxy.exitValue());
            List<String> lines = Files.readAllLines(proxyLog, StandardCharsets.UTF_8);
            assertTrue(lines.get(lines.size() - 1).endsWith("parent-proxy: stopped"), lines.toString());
            assertTrue(lines.stream().anyMatch(line -> line.contains("attestation 200 (nonce 20 B")),
                    lines.toString());
        } finally {
            if (proxy != null) {
                proxy.destroyForcibly();
            }
            agent.destroy();
            agent.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWrongCommandLineIsOneSentenceAndStatus2() throws Exception {
        Path log = directory.resolve("usage.log");
        Process proxy = java(log, "-jar", jar(), "--enclave", "vsock:16:5000");
        assertTrue(proxy.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, proxy.exitValue());
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("parent-proxy: Pin the enclave image with --expected-pcr"), lines.get(0));
    }

    @Test
    void theProxyJarCarriesNeitherTheTestKitNorTheNsmNorTheAgentNorTheTools() throws Exception {
        List<String> forbidden = List.of("dev/nitroattest/testkit/", "dev/nitroattest/nsm/",
                "dev/nitroattest/agent/AgentServer", "dev/nitroattest/agent/AgentMain", "dev/nitroattest/proxy/demo/",
                "dev/nitroattest/proxy/load/");
        List<String> found = entries(jar()).stream()
                .filter(entry -> forbidden.stream().anyMatch(entry::startsWith)).toList();
        assertEquals(List.of(), found);
        assertTrue(entries(jar()).contains("dev/nitroattest/agent/client/AgentClient.class"));
    }

    private static List<String> entries(String jar) throws IOException {
        try (JarFile file = new JarFile(jar)) {
            return file.stream().map(JarEntry::getName).toList();
        }
    }

    private static String jar() {
        return System.getProperty("proxy.jar", "target/parent-proxy.jar");
    }

    private static Process java(Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile()).start();
    }

    /** The pattern's first group, from the first line of the log that matches it (waits up to 60 s). */
    private static String await(Path log, Pattern pattern) throws Exception {
        for (int attempt = 0; attempt < 600; attempt++) {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    Matcher matcher = pattern.matcher(line);
                    if (matcher.find()) {
                        return matcher.group(1);
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no line matching " + pattern + " within 60 s in " + log + ": "
                + (Files.exists(log) ? Files.readAllLines(log) : "(no log)"));
    }
}
