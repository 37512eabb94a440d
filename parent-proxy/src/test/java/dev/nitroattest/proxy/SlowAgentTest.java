package dev.nitroattest.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.proxy.testing.Json;
import dev.nitroattest.proxy.testing.MisbehavingAgent;
import dev.nitroattest.proxy.testing.RunningProxy;
import dev.nitroattest.proxy.testing.TestAgent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One deadline per request: an agent that trickles its answer, or never gives one, costs the proxy at most the
 * request timeout, after which the connection is closed, the slot is free and the next requests are served. The
 * margins are generous: a trickled answer would take about an hour.
 */
@Timeout(60)
class SlowAgentTest {
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** Far below the hour a trickled answer takes, far above the timeout on a loaded machine. */
    private static final Duration MARGIN = Duration.ofSeconds(10);

    private TestAgent agent;
    private MisbehavingAgent front;
    private RunningProxy proxy;

    @BeforeEach
    void start() throws Exception {
        agent = TestAgent.start();
        front = new MisbehavingAgent(agent.endpoint());
        proxy = RunningProxy.with(ProxySettings.builder(front.endpoint(), agent.verifier())
                .maxInFlight(1).requestTimeout(TIMEOUT));
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        front.close();
        agent.close();
    }

    @Test
    void anAgentThatTricklesItsAnswerGets504AtTheDeadlineAndTheNextRequestsAreServed() throws Exception {
        front.mode(MisbehavingAgent.Mode.TRICKLE);
        long start = System.nanoTime();
        HttpResponse<byte[]> trickled = proxy.attest("{}");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertError(trickled, 504, "TIMEOUT");
        assertTrue(took.compareTo(MARGIN) < 0, "the 504 took " + took);
        assertTrue(front.awaitClosedByProxy(1, MARGIN), "the proxy kept the trickling connection past its deadline");
        assertTrue(awaitNoneInFlight(), "the trickling exchange kept its slot");

        front.mode(MisbehavingAgent.Mode.PASS);
        // With --max-in-flight 1, these find the slot free only if the trickling exchange has ended.
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> served = proxy.attest("{}");
            assertEquals(200, served.statusCode(), RunningProxy.text(served));
        }
        assertEquals(200, proxy.get("/healthz").statusCode());
    }

    @Test
    void anAgentThatNeverAnswersGets504AndItsConnectionIsClosed() throws Exception {
        front.mode(MisbehavingAgent.Mode.MUTE);
        assertError(proxy.attest("{}"), 504, "TIMEOUT");
        assertTrue(front.awaitClosedByProxy(1, MARGIN), "the proxy kept the mute connection past its deadline");
        assertTrue(awaitNoneInFlight(), "the mute exchange kept its slot");

        front.mode(MisbehavingAgent.Mode.PASS);
        HttpResponse<byte[]> served = proxy.attest("{}");
        assertEquals(200, served.statusCode(), RunningProxy.text(served));
    }

    @Test
    void aTricklingHealthCheckIs503AndEndsAtItsDeadlineWithoutOthersPilingUp() throws Exception {
        front.mode(MisbehavingAgent.Mode.TRICKLE);
        for (int i = 1; i <= 3; i++) {
            HttpResponse<byte[]> health = proxy.get("/healthz");
            assertEquals(503, health.statusCode());
            assertTrue(((String) Json.object(health.body()).get("message")).contains("within 500 ms"),
                    RunningProxy.text(health));
            // Every connection a check opened is closed at its deadline. (A request that comes while the previous
            // check is finishing joins it and opens none, so the count of connections, not of requests, is awaited.)
            int opened = front.accepted();
            assertTrue(opened >= 1 && front.awaitClosedByProxy(opened, MARGIN),
                    "health check " + i + " outlived its deadline (" + opened + " connections opened)");
        }
        assertTrue(healthThreads() <= 1, "health check threads: " + healthThreads());

        front.mode(MisbehavingAgent.Mode.PASS);
        assertEquals(200, proxy.get("/healthz").statusCode());
        assertEquals(200, proxy.attest("{}").statusCode(), "health checks must not hold the attestation slot");
    }

    @Test
    void concurrentHealthCallersShareOneCheck() throws Exception {
        front.mode(MisbehavingAgent.Mode.TRICKLE);
        // A longer timeout than the other tests', so that every caller surely arrives while the check runs.
        try (RunningProxy patient = RunningProxy.with(ProxySettings.builder(front.endpoint(), agent.verifier())
                .requestTimeout(Duration.ofSeconds(3)))) {
            List<CompletableFuture<HttpResponse<byte[]>>> callers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                callers.add(patient.getLater("/healthz"));
            }
            for (CompletableFuture<HttpResponse<byte[]>> caller : callers) {
                assertEquals(503, caller.get(30, TimeUnit.SECONDS).statusCode());
            }
        }
        assertEquals(1, front.accepted(), "every caller should have joined the one check under way");
    }

    @Test
    void anAnswerThatBreaksTheProtocolIs502AndCounted() throws Exception {
        front.mode(MisbehavingAgent.Mode.BROKEN);
        Map<String, Object> error = assertError(proxy.attest("{}"), 502, "ENCLAVE_ERROR");
        assertTrue(((String) error.get("message")).contains("broke the agent protocol"), error.toString());
        assertTrue(proxy.proxy().metricsText().contains(
                "nitroattest_proxy_enclave_connection_errors_total{kind=\"protocol\"} 1\n"), proxy.proxy().metricsText());

        front.mode(MisbehavingAgent.Mode.PASS);
        assertEquals(200, proxy.attest("{}").statusCode(), "the broken connection is not reused");
    }

    /**
     * The worker gives its slot back just after the connection is closed, not before: waits (up to the margin) for the
     * in-flight gauge to read 0, so that the next request does not race it.
     */
    private boolean awaitNoneInFlight() throws InterruptedException {
        long deadline = System.nanoTime() + MARGIN.toNanos();
        while (!proxy.proxy().metricsText().contains("\nnitroattest_proxy_in_flight 0\n")) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private static long healthThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith("proxy-health-")).count();
    }

    private static Map<String, Object> assertError(HttpResponse<byte[]> response, int status, String code) {
        assertEquals(status, response.statusCode(), RunningProxy.text(response));
        Map<String, Object> error = Json.object(response.body());
        assertEquals(code, error.get("error"), error.toString());
        return error;
    }
}
