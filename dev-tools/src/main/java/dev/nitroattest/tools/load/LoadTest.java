package dev.nitroattest.tools.load;

import dev.nitroattest.agent.AgentServer;
import dev.nitroattest.agent.AgentSettings;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.ExpectedPcrs;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.NsmEmulationException;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.process.CommandLineProcess;
import dev.nitroattest.process.StartupFailure;
import dev.nitroattest.proxy.HttpAddress;
import dev.nitroattest.proxy.ParentProxy;
import dev.nitroattest.proxy.ProxySettings;
import dev.nitroattest.text.LineLog;
import dev.nitroattest.vsock.TcpEndpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * N concurrent HTTP clients for S seconds against the parent proxy and an agent with the emulated NSM, all on
 * 127.0.0.1 in this JVM. Each client loops: a fresh 32-byte nonce, POST /v1/attestation, expect 200 with a CBOR
 * document (which the proxy has verified against the pinned PCRs and the nonce). After a warm-up phase, a measured
 * phase: it reports requests per second, latency percentiles, errors (of both phases), and open file descriptors,
 * heap after GC and threads between the phases and after the measured one. Exits 1, with one sentence per failure
 * on standard error, if any request failed, if open files grew, or if the heap after GC grew past a bound (see
 * {@link #OPEN_FILES_TOLERANCE} and {@link #MAX_HEAP_GROWTH_BYTES}). Bounded: at most 64 clients and 600 seconds.
 */
@Command(name = "load-test", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures the parent proxy with an emulated agent on loopback.")
public final class LoadTest {
    private static final int MAX_CLIENTS = 64;
    private static final int MAX_SECONDS = 600;
    /**
     * Both samples are taken with no request under way and with every pool (the clients' keep-alive connections, the
     * proxy's agent connections) filled at the same concurrency, so their descriptors should be equal, and were in
     * every measured run. Two more are one loopback connection, both of whose ends are in this JVM, being replaced at
     * the moment of a sample.
     */
    static final long OPEN_FILES_TOLERANCE = 2;
    /**
     * The heap after a full GC grew by 4 to 8 MiB in the measured runs, as much in 30 s as in 120 s with four times
     * the requests: buffer pools and the verifier's chain cache filling once. Twice the largest growth seen; a leak
     * that reaches it in a 30 s run of 8 clients (about 50,000 requests) keeps over 300 bytes per request, and longer
     * runs catch smaller ones.
     */
    static final long MAX_HEAP_GROWTH_BYTES = 16L * 1024 * 1024;

    @Option(names = "--clients", paramLabel = "N", description = "Concurrent clients (default 8, at most 64).")
    int clients = 8;

    @Option(names = "--seconds", paramLabel = "S", description = "Measured seconds (default 30, at most 600).")
    int seconds = 30;

    @Option(names = "--warmup", paramLabel = "S",
            description = "Unmeasured seconds first, which fill the pools the resource checks compare (default 5, "
                    + "at least 1).")
    int warmupSeconds = 5;

    @Option(names = "--max-in-flight", paramLabel = "N", description = "The proxy's --max-in-flight (default 32).")
    int maxInFlight = ProxySettings.DEFAULT_MAX_IN_FLIGHT;

    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    public static void main(String[] args) {
        System.exit(CommandLineProcess.run("load-test", new LoadTest(), args, System.out, System.err,
                test -> test.run(System.out, System.err)));
    }

    private int run(PrintStream out, PrintStream err) throws StartupFailure, InterruptedException {
        if (clients < 1 || clients > MAX_CLIENTS || seconds < 1 || seconds > MAX_SECONDS || warmupSeconds < 1
                || warmupSeconds > MAX_SECONDS) {
            throw StartupFailure.usage("Give 1 to " + MAX_CLIENTS + " --clients, 1 to " + MAX_SECONDS
                    + " --seconds and 1 to " + MAX_SECONDS + " --warmup seconds.");
        }
        try {
            return measure(out, err);
        } catch (IOException e) {
            throw StartupFailure.environment("Cannot start the agent and the proxy on loopback (" + e.getMessage()
                    + ").");
        } catch (NsmEmulationException e) {
            throw StartupFailure.environment(e.getMessage());
        }
    }

    private int measure(PrintStream out, PrintStream err)
            throws IOException, NsmEmulationException, InterruptedException {
        byte[][] pcrs = {filled(0xd0), filled(0xd1), filled(0xd2)};
        EmulatedNsm emulator = emulator(pcrs);
        NsmClient nsm = new NsmClient(emulator);
        AgentServer agent = AgentServer.start(new TcpEndpoint("127.0.0.1", 0), nsm, AgentSettings.defaults(),
                line -> { });
        AttestationVerifier verifier = AttestationVerifier.builder()
                .trustAnchors(TrustAnchor.fromPem(emulator.rootCertificatePem()))
                .expectPcrs(ExpectedPcrs.builder().accept(0, pcrs[0]).accept(1, pcrs[1]).accept(2, pcrs[2]).build())
                .maxAge(Duration.ofMinutes(5))
                .build();
        ProxySettings settings = ProxySettings.builder((TcpEndpoint) agent.endpoint(), verifier)
                .http(new HttpAddress("127.0.0.1", 0)).maxInFlight(maxInFlight).build();
        ParentProxy proxy = ParentProxy.start(settings, LineLog.discard());
        URI uri = URI.create("http://127.0.0.1:" + proxy.httpPort() + "/v1/attestation");
        out.printf("load test: %d clients, %d s warm-up, %d s measured, against %s (agent with emulated NSM on %s, "
                + "--max-in-flight %d), Java %s, %d CPUs%n", clients, warmupSeconds, seconds, uri, agent.endpoint(),
                maxInFlight, Runtime.version(), Runtime.getRuntime().availableProcessors());

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        LatencyRecorder warmUp = new LatencyRecorder();
        runClients(http, uri, warmUp, Duration.ofSeconds(warmupSeconds), "warm-up");

        // Resources are sampled between the phases, with no request under way, so that the two samples compare.
        ResourceSample before = ResourceSample.take();
        LatencyRecorder latencies = new LatencyRecorder();
        long start = System.nanoTime();
        long maxOpenFiles = runClients(http, uri, latencies, Duration.ofSeconds(seconds), null);
        long elapsed = System.nanoTime() - start;
        ResourceSample after = ResourceSample.take();

        long errorCount = errors.values().stream().mapToLong(LongAdder::sum).sum();
        out.printf("requests:   %d in %.1f s = %.1f requests/s, %d errors%s%n", latencies.count(), elapsed / 1e9,
                latencies.count() / (elapsed / 1e9), errorCount, errors.isEmpty() ? "" : " " + new TreeMap<>(errors));
        out.printf("latency:    p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.1f ms%n", latencies.percentileMillis(50),
                latencies.percentileMillis(90), latencies.percentileMillis(99), latencies.percentileMillis(100));
        out.printf("open files: %d before, %d after, at most %d during%n", before.openFiles(), after.openFiles(),
                Math.max(maxOpenFiles, after.openFiles()));
        out.printf("heap after GC: %.1f MiB before, %.1f MiB after; threads: %d before, %d after%n",
                before.heapAfterGcBytes() / 1048576.0, after.heapAfterGcBytes() / 1048576.0, before.threads(),
                after.threads());

        proxy.close();
        agent.close();
        nsm.close();
        List<String> failures = failures(errorCount, latencies.count(), before, after);
        failures.forEach(failure -> err.println("load test: FAILED: " + failure));
        return failures.isEmpty() ? 0 : 1;
    }

    /** What makes the run a failure, one sentence each. */
    static List<String> failures(long errorCount, long succeeded, ResourceSample before, ResourceSample after) {
        List<String> failures = new ArrayList<>();
        if (errorCount > 0) {
            failures.add(errorCount + " requests failed; the proxy must answer every one with a verified document.");
        }
        if (succeeded == 0) {
            failures.add("no request succeeded in the measured phase.");
        }
        if (before.openFiles() >= 0 && after.openFiles() > before.openFiles() + OPEN_FILES_TOLERANCE) {
            failures.add("open files grew from " + before.openFiles() + " to " + after.openFiles() + ", more than "
                    + OPEN_FILES_TOLERANCE + ": connections or files are being leaked.");
        }
        long heapGrowth = after.heapAfterGcBytes() - before.heapAfterGcBytes();
        if (heapGrowth > MAX_HEAP_GROWTH_BYTES) {
            failures.add(String.format(Locale.ROOT, "the heap after GC grew by %.1f MiB, more than %d MiB: memory is "
                    + "being kept per request.", heapGrowth / 1048576.0, MAX_HEAP_GROWTH_BYTES / 1048576));
        }
        return failures;
    }

    /**
     * Runs the clients for the duration, then waits for them to finish their last request.
     *
     * @param errorSuffix how to label errors of this phase, or null for the measured phase
     * @return the most open files seen, sampled once a second
     */
    private long runClients(HttpClient http, URI uri, LatencyRecorder recorder, Duration duration,
            String errorSuffix) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> clientLoop(http, uri, recorder, running, errorSuffix),
                    "load-client-" + i);
            threads.add(thread);
            thread.start();
        }
        long maxOpenFiles = 0;
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            maxOpenFiles = Math.max(maxOpenFiles, ResourceSample.countOpenFiles());
        }
        running.set(false);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(60).toMillis());
        }
        return maxOpenFiles;
    }

    private void clientLoop(HttpClient http, URI uri, LatencyRecorder recorder, AtomicBoolean running,
            String errorSuffix) {
        SecureRandom random = new SecureRandom();
        byte[] nonce = new byte[32];
        while (running.get()) {
            random.nextBytes(nonce);
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Accept", "application/cbor")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"nonce\": \""
                            + Base64.getEncoder().encodeToString(nonce) + "\"}")).build();
            long start = System.nanoTime();
            String error = null;
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200 || response.body().length == 0) {
                    error = "HTTP " + response.statusCode();
                }
            } catch (IOException e) {
                error = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (error == null) {
                recorder.record(System.nanoTime() - start);
            } else {
                String label = errorSuffix == null ? error : error + " (" + errorSuffix + ")";
                errors.computeIfAbsent(label, e -> new LongAdder()).increment();
            }
        }
    }

    private static EmulatedNsm emulator(byte[][] pcrs) throws NsmEmulationException {
        EmulatedNsm.Builder builder = EmulatedNsm.builder();
        for (int i = 0; i < pcrs.length; i++) {
            builder.pcr(i, pcrs[i]);
        }
        return builder.build();
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[48];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
