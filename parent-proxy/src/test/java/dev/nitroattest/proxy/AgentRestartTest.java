package dev.nitroattest.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.proxy.testing.Json;
import dev.nitroattest.proxy.testing.RunningProxy;
import dev.nitroattest.proxy.testing.TestAgent;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pooled agent connections do not outlive the agent: the proxy reconnects by itself after a restart. */
@Timeout(60)
class AgentRestartTest {

    @Test
    void theFirstRequestAfterARestartSucceedsOnAFreshConnection() throws Exception {
        try (TestAgent agent = TestAgent.start(); RunningProxy proxy = RunningProxy.inFrontOf(agent)) {
            assertEquals(200, proxy.attest("{}").statusCode());
            assertEquals(200, proxy.get("/healthz").statusCode());

            agent.stop();
            agent.restart();

            HttpResponse<byte[]> afterRestart = proxy.attest("{}");
            assertEquals(200, afterRestart.statusCode(), RunningProxy.text(afterRestart));
            assertEquals(200, proxy.get("/healthz").statusCode());
            assertTrue(proxy.proxy().metricsText().contains(
                    "nitroattest_proxy_enclave_connection_errors_total{kind=\"connect\"} 0\n"),
                    "the stale connection was replaced without a failed connect");
        }
    }

    @Test
    void whileTheAgentIsDownClientsGet503AndOnceItIsBackEveryClientSucceedsAgain() throws Exception {
        int clients = 3;
        try (TestAgent agent = TestAgent.start(); RunningProxy proxy = RunningProxy.inFrontOf(agent)) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger failures = new AtomicInteger();
            Set<Integer> statuses = ConcurrentHashMap.newKeySet();
            Set<String> codes = ConcurrentHashMap.newKeySet();
            ExecutorService threads = Executors.newFixedThreadPool(clients);
            List<Future<?>> loops = new ArrayList<>();
            try {
                for (int c = 0; c < clients; c++) {
                    loops.add(threads.submit(() -> {
                        while (running.get()) {
                            HttpResponse<byte[]> response = proxy.attest("{}");
                            statuses.add(response.statusCode());
                            if (response.statusCode() != 200) {
                                failures.incrementAndGet();
                                codes.add((String) Json.object(response.body()).get("error"));
                            }
                        }
                        return null;
                    }));
                }
                awaitRequests(proxy, 200, 10);
                agent.stop();
                awaitCondition(() -> failures.get() >= clients, "no client saw the agent down");
                agent.restart();
                awaitRequests(proxy, 200, countOf(proxy, 200) + 3L * clients);
            } finally {
                running.set(false);
                for (Future<?> loop : loops) {
                    loop.get(30, TimeUnit.SECONDS);
                }
                threads.shutdown();
            }
            assertEquals(Set.of(200, 503), statuses, "statuses seen: " + statuses);
            assertEquals(Set.of("ENCLAVE_UNAVAILABLE"), codes);
        }
    }

    private static void awaitRequests(RunningProxy proxy, int status, long count) throws Exception {
        awaitCondition(() -> countOf(proxy, status) >= count, "fewer than " + count + " requests answered " + status);
    }

    private static long countOf(RunningProxy proxy, int status) {
        String prefix = "nitroattest_proxy_requests_total{endpoint=\"attestation\",status=\"" + status + "\"} ";
        return proxy.proxy().metricsText().lines().filter(line -> line.startsWith(prefix))
                .mapToLong(line -> Long.parseLong(line.substring(prefix.length()))).sum();
    }

    private static void awaitCondition(BooleanSupplier condition, String failure)
            throws InterruptedException {
        for (int attempt = 0; attempt < 400; attempt++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(failure + " within 20 s");
    }
}
