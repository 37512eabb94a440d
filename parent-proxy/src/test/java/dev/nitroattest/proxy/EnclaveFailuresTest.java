package dev.nitroattest.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.ExpectedPcrs;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.proxy.testing.Json;
import dev.nitroattest.proxy.testing.RunningProxy;
import dev.nitroattest.proxy.testing.ScriptedNsm;
import dev.nitroattest.proxy.testing.TestAgent;
import dev.nitroattest.vsock.TcpEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the client gets when the enclave side fails: 502, 503 or 504, each with its code and one sentence. */
@Timeout(60)
class EnclaveFailuresTest {
    private TestAgent agent;

    @BeforeEach
    void startAgent() throws Exception {
        agent = TestAgent.start();
    }

    @AfterEach
    void stopAgent() {
        agent.close();
    }

    @Test
    void anErrorAnswerFromTheAgentIs502WithItsCode() throws Exception {
        try (RunningProxy proxy = RunningProxy.inFrontOf(agent)) {
            agent.nsm().mode(ScriptedNsm.Mode.REFUSE);
            Map<String, Object> error = assertError(proxy.attest("{}"), 502, "ENCLAVE_ERROR");
            assertTrue(message(error).contains("NSM_ERROR"), error.toString());

            agent.nsm().mode(ScriptedNsm.Mode.NORMAL);
            assertEquals(200, proxy.attest("{}").statusCode(), "the connection is usable after an error answer");
        }
    }

    @Test
    void aDocumentWithAnotherNonceIs502NonceMismatch() throws Exception {
        try (RunningProxy proxy = RunningProxy.inFrontOf(agent)) {
            agent.nsm().mode(ScriptedNsm.Mode.WRONG_NONCE);
            Map<String, Object> error = assertError(proxy.attest("{\"nonce\": \"AQID\"}"), 502, "DOCUMENT_REJECTED");
            assertTrue(message(error).contains("NONCE_MISMATCH"), error.toString());
            assertEquals(Map.of("reason", "NONCE_MISMATCH", "field", "nonce"), structured(error), error.toString());
            Map<String, Object> fresh = assertError(proxy.attest("{}"), 502, "DOCUMENT_REJECTED");
            assertTrue(message(fresh).contains("NONCE_MISMATCH"), fresh.toString());
        }
    }

    @Test
    void aDocumentWithOtherPcrsIs502PcrMismatch() throws Exception {
        byte[] otherImage = TestAgent.PCR0.clone();
        otherImage[47] ^= 1;
        AttestationVerifier pinnedElsewhere = AttestationVerifier.builder()
                .trustAnchors(TrustAnchor.fromPem(agent.rootPem()))
                .expectPcrs(ExpectedPcrs.builder().accept(0, otherImage).build()).anyAge()
                .build();
        try (RunningProxy proxy = RunningProxy.with(ProxySettings.builder(agent.endpoint(), pinnedElsewhere))) {
            Map<String, Object> error = assertError(proxy.attest("{}"), 502, "DOCUMENT_REJECTED");
            assertTrue(message(error).contains("PCR_MISMATCH"), error.toString());
            assertEquals(Map.of("reason", "PCR_MISMATCH", "field", "pcrs"), structured(error), error.toString());
        }
    }

    @Test
    void aDocumentFromAnotherRootIs502UntrustedChain() throws Exception {
        try (TestAgent impostor = TestAgent.start();
                RunningProxy proxy = RunningProxy.with(ProxySettings.builder(impostor.endpoint(), agent.verifier()))) {
            Map<String, Object> error = assertError(proxy.attest("{}"), 502, "DOCUMENT_REJECTED");
            assertTrue(message(error).contains("UNTRUSTED_CHAIN"), error.toString());
            assertEquals(Map.of("reason", "UNTRUSTED_CHAIN", "field", "cabundle", "certificate_index", 0L),
                    structured(error), error.toString());
        }
    }

    @Test
    void anUnreachableAgentIs503AndUnhealthy() throws Exception {
        TcpEndpoint nobody = freePort();
        try (RunningProxy proxy = RunningProxy.with(ProxySettings.builder(nobody, agent.verifier()))) {
            HttpResponse<byte[]> response = proxy.attest("{}");
            Map<String, Object> error = assertError(response, 503, "ENCLAVE_UNAVAILABLE");
            assertEquals("The enclave agent cannot be reached; it may be restarting or at its connection limit, so "
                    + "retry shortly.", message(error));
            assertEquals("1", response.headers().firstValue("Retry-After").orElseThrow());

            HttpResponse<byte[]> health = proxy.get("/healthz");
            assertEquals(503, health.statusCode());
            assertEquals(Map.of("status", "unavailable", "message",
                    "The enclave agent cannot be reached; the proxy's log says why."), Json.object(health.body()));
        }
    }

    /**
     * Whoever reaches the HTTP port learns nothing of the parent's side from a failure: neither the agent's endpoint
     * nor an I/O failure's own words (a refused connection, a host name) are in 5xx bodies or /healthz; the log
     * has them.
     */
    @Test
    void failureAnswersNameNeitherTheAgentsEndpointNorTheIoFailure() throws Exception {
        TcpEndpoint nobody = freePort();
        try (RunningProxy proxy = RunningProxy.with(ProxySettings.builder(nobody, agent.verifier()))) {
            String attestation = RunningProxy.text(proxy.attest("{}"));
            String health = RunningProxy.text(proxy.get("/healthz"));
            for (String answer : List.of(attestation, health)) {
                assertFalse(answer.contains(String.valueOf(nobody.port())), answer);
                assertFalse(answer.contains("127.0.0.1"), answer);
                assertFalse(answer.toLowerCase(java.util.Locale.ROOT).contains("refused"), answer);
            }
            assertTrue(proxy.log().stream().anyMatch(line -> line.contains("ENCLAVE_UNAVAILABLE")
                    && line.contains(nobody.toString())), proxy.log().toString());
            assertTrue(proxy.log().stream().anyMatch(line -> line.contains("unhealthy")
                    && line.contains(nobody.toString())), proxy.log().toString());
        }
    }

    @Test
    void theHealthCheckIs200WhenTheAgentAnswers() throws Exception {
        try (RunningProxy proxy = RunningProxy.inFrontOf(agent)) {
            HttpResponse<byte[]> health = proxy.get("/healthz");
            assertEquals(200, health.statusCode(), RunningProxy.text(health));
            Map<String, Object> body = Json.object(health.body());
            assertEquals(Map.of("status", "ok"), body);
        }
    }

    @Test
    void pastTheRequestTimeoutTheClientGets504() throws Exception {
        try (RunningProxy proxy = RunningProxy.inFrontOf(agent,
                settings -> settings.requestTimeout(Duration.ofMillis(300)))) {
            agent.nsm().mode(ScriptedNsm.Mode.HANG);
            Map<String, Object> error = assertError(proxy.attest("{}"), 504, "TIMEOUT");
            assertTrue(message(error).contains("300 ms"), error.toString());
            agent.nsm().release();
        }
    }

    @Test
    void overTheInFlightLimitTheClientGets503WhileHealthAndMetricsStillAnswer() throws Exception {
        try (RunningProxy proxy = RunningProxy.inFrontOf(agent, settings -> settings.maxInFlight(1))) {
            agent.nsm().mode(ScriptedNsm.Mode.HANG);
            CompletableFuture<HttpResponse<byte[]>> first = proxy.attestLater("{}");
            assertTrue(agent.nsm().awaitHanging(), "the first request never reached the NSM");

            HttpResponse<byte[]> second = proxy.attest("{}");
            Map<String, Object> error = assertError(second, 503, "OVERLOADED");
            assertEquals("1", second.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(message(error).contains("limit of 1 "), error.toString());
            assertEquals(200, proxy.get("/healthz").statusCode());
            assertTrue(RunningProxy.text(proxy.get("/metrics")).contains("nitroattest_proxy_in_flight 1\n"));

            agent.nsm().release();
            assertEquals(200, first.get(30, TimeUnit.SECONDS).statusCode());
        }
    }

    @Test
    void aClientThatWaitsForEachAnswerIsNeverOverTheLimit() throws Exception {
        try (RunningProxy proxy = RunningProxy.inFrontOf(agent, settings -> settings.maxInFlight(1))) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                statuses.add(proxy.attest("{}").statusCode());
            }
            assertEquals(List.of(200), statuses.stream().distinct().toList(), statuses.toString());
        }
    }

    @Test
    void anAgentThatNeverAnswersHoldsAtMostTheInFlightLimitOfThreads() throws Exception {
        int limit = 2;
        List<Socket> held = new CopyOnWriteArrayList<>();
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(silent.accept());
                }
            } catch (IOException e) {
                // The test closed the listener.
            }
        });
        acceptor.start();
        TcpEndpoint mute = new TcpEndpoint("127.0.0.1", silent.getLocalPort());
        long workersBefore = enclaveWorkers();
        try (RunningProxy proxy = RunningProxy.with(ProxySettings.builder(mute, agent.verifier())
                .maxInFlight(limit).requestTimeout(Duration.ofMillis(400)))) {
            List<CompletableFuture<HttpResponse<byte[]>>> requests = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                requests.add(proxy.attestLater("{}"));
            }
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<HttpResponse<byte[]>> request : requests) {
                statuses.add(request.get(30, TimeUnit.SECONDS).statusCode());
            }
            assertTrue(statuses.stream().allMatch(status -> status == 503 || status == 504), statuses.toString());
            assertTrue(statuses.contains(504), statuses.toString());
            long workers = enclaveWorkers() - workersBefore;
            assertTrue(workers <= limit + 1, "enclave workers started: " + workers);

            assertEquals(503, proxy.get("/healthz").statusCode(), "a mute agent is not healthy");
            awaitNoneInFlight(proxy);
        } finally {
            silent.close();
            acceptor.join(5_000);
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    /** The workers give their slots back once the agent connection's read timeout ends their wait. */
    private static void awaitNoneInFlight(RunningProxy proxy) throws Exception {
        for (int attempt = 0; attempt < 200; attempt++) {
            if (proxy.proxy().metricsText().contains("nitroattest_proxy_in_flight 0\n")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("requests still in flight 10 s after their timeout:\n" + proxy.proxy().metricsText());
    }

    private static long enclaveWorkers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith("proxy-enclave-")).count();
    }

    private static TcpEndpoint freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new TcpEndpoint("127.0.0.1", socket.getLocalPort());
        }
    }

    private static String message(Map<String, Object> error) {
        return (String) error.get("message");
    }

    private static Map<String, Object> assertError(HttpResponse<byte[]> response, int status, String code) {
        assertEquals(status, response.statusCode(), RunningProxy.text(response));
        Map<String, Object> error = Json.object(response.body());
        assertEquals(code, error.get("error"), error.toString());
        assertEquals(code.equals("DOCUMENT_REJECTED") ? Arrays.asList("error", "message", "rejection")
                : Arrays.asList("error", "message"), new ArrayList<>(error.keySet()));
        return error;
    }

    /** The rejection object of a DOCUMENT_REJECTED body, without its detail and without null members. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(Map<String, Object> error) {
        Map<String, Object> rejection = new java.util.HashMap<>((Map<String, Object>) error.get("rejection"));
        assertTrue(rejection.get("detail") instanceof String, error.toString());
        rejection.remove("detail");
        rejection.values().removeIf(java.util.Objects::isNull);
        return rejection;
    }
}
