package dev.nitroattest.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.ExpectedPcrs;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.proxy.testing.RunningProxy;
import dev.nitroattest.proxy.testing.ScriptedNsm;
import dev.nitroattest.proxy.testing.TestAgent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** GET /metrics over HTTP: its format, and counters that follow what really happened to requests. */
@Timeout(60)
class MetricsEndpointTest {
    private static final String PREFIX = "nitroattest_proxy_";

    private TestAgent agent;
    private RunningProxy proxy;

    @BeforeEach
    void start() throws Exception {
        agent = TestAgent.start();
        proxy = RunningProxy.inFrontOf(agent);
    }

    @AfterEach
    void stop() {
        proxy.close();
        agent.close();
    }

    @Test
    void metricsAreServedAsPrometheusText() throws Exception {
        HttpResponse<byte[]> response = proxy.get("/metrics");
        assertEquals(200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8",
                response.headers().firstValue("Content-Type").orElseThrow());
        String text = RunningProxy.text(response);
        assertTrue(text.contains("# TYPE " + PREFIX + "requests_total counter\n"), text);
        assertTrue(text.contains(PREFIX + "in_flight 0\n"), text);
    }

    @Test
    void realFailuresShowInTheirCounters() throws Exception {
        agent.nsm().mode(ScriptedNsm.Mode.REFUSE);
        assertEquals(502, proxy.attest("{}").statusCode());
        agent.nsm().mode(ScriptedNsm.Mode.WRONG_NONCE);
        assertEquals(502, proxy.attest("{}").statusCode());
        agent.nsm().mode(ScriptedNsm.Mode.NORMAL);
        assertEquals(200, proxy.attest("{}").statusCode());

        String text = metrics();
        assertTrue(text.contains(PREFIX + "enclave_errors_total{code=\"NSM_ERROR\"} 1\n"), text);
        assertTrue(text.contains(PREFIX + "verification_failures_total{reason=\"NONCE_MISMATCH\"} 1\n"), text);
        assertTrue(text.contains(PREFIX + "verification_failures_total{reason=\"PCR_MISMATCH\"} 0\n"), text);
        assertTrue(text.contains(PREFIX + "requests_total{endpoint=\"attestation\",status=\"502\"} 2\n"), text);
        assertTrue(text.contains(PREFIX + "requests_total{endpoint=\"attestation\",status=\"200\"} 1\n"), text);
        assertTrue(text.contains(PREFIX + "request_duration_seconds_count{endpoint=\"attestation\"} 3\n"), text);
    }

    @Test
    void aPcrMismatchIsCountedByReason() throws Exception {
        byte[] otherImage = TestAgent.PCR2.clone();
        otherImage[0] ^= 1;
        AttestationVerifier pinnedElsewhere = AttestationVerifier.builder()
                .trustAnchors(TrustAnchor.fromPem(agent.rootPem()))
                .expectPcrs(ExpectedPcrs.builder().accept(2, otherImage).build()).anyAge()
                .build();
        try (RunningProxy elsewhere = RunningProxy.with(ProxySettings.builder(agent.endpoint(), pinnedElsewhere))) {
            assertEquals(502, elsewhere.attest("{}").statusCode());
            String text = RunningProxy.text(elsewhere.get("/metrics"));
            assertTrue(text.contains(PREFIX + "verification_failures_total{reason=\"PCR_MISMATCH\"} 1\n"), text);
        }
    }

    @Test
    void requestsJettyRefusesItselfAreCountedUnderOther() throws Exception {
        String malformed = rawExchange("GET /healthz HTTP/1.1\r\nHost: x\r\nthis is not a header\r\n\r\n");
        assertTrue(malformed.startsWith("HTTP/1.1 400 "), malformed);
        String huge = rawExchange("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: " + "a".repeat(20_000)
                + "\r\n\r\n");
        assertTrue(huge.startsWith("HTTP/1.1 431 "), huge);

        awaitMetric(PREFIX + "requests_total{endpoint=\"other\",status=\"400\"} 1\n");
        awaitMetric(PREFIX + "requests_total{endpoint=\"other\",status=\"431\"} 1\n");
    }

    @Test
    void aRequestThatBreaksOffIsCountedAsAbortedAndOnlyOnce() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/attestation HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"nonce\"").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        awaitMetric(PREFIX + "requests_total{endpoint=\"attestation\",status=\"aborted\"} 1\n");
        assertEquals(200, proxy.get("/healthz").statusCode());
        String text = metrics();
        assertEquals(1, text.lines().filter(line -> line.startsWith(PREFIX + "requests_total{")
                && !line.contains("endpoint=\"healthz\"")).count(), text);
        assertEquals(0, agent.nsm().attestations(), "a request without its body reached the enclave");
    }

    private String metrics() throws Exception {
        HttpResponse<byte[]> response = proxy.get("/metrics");
        assertEquals(200, response.statusCode());
        return RunningProxy.text(response);
    }

    private void awaitMetric(String sample) throws Exception {
        for (int attempt = 0; attempt < 200; attempt++) {
            if (proxy.proxy().metricsText().contains(sample)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no \"" + sample.strip() + "\" within 10 s in:\n" + proxy.proxy().metricsText());
    }

    /** Sends raw bytes and reads the answer until the proxy closes the connection or 10 s pass. */
    private String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[4096];
            int read;
            try {
                while ((read = in.read(buffer)) > 0) {
                    answer.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                }
            } catch (java.net.SocketException e) {
                // The proxy may reset a connection it refused; what arrived is the answer.
            }
            return answer.toString();
        }
    }
}
