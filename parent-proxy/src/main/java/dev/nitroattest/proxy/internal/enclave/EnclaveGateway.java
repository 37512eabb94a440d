package dev.nitroattest.proxy.internal.enclave;

import dev.nitroattest.agent.client.AgentErrorException;
import dev.nitroattest.agent.client.AgentResponseException;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.Bytes;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.proxy.internal.metrics.ProxyMetrics;
import dev.nitroattest.vsock.ConnectEndpoint;
import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks the enclave agent for documents and verifies them, off the HTTP threads. At most {@code maxInFlight}
 * attestations run at once, each on a worker thread of its own; one more is answered
 * {@link AttestationOutcome.Overloaded} at once. A request's slot is given back when its worker is done (just before
 * its answer is handed on), not when its client gave up: a slow or dead agent
 * therefore holds at most {@code maxInFlight} workers (each for at most the request timeout, the agent connection's
 * read timeout), and never an HTTP thread. Health probes do not queue behind attestations: one probe runs at a
 * time on a worker of its own, and concurrent callers share its answer.
 */
public final class EnclaveGateway implements Closeable {
    /** The nonce chosen for a client that sent none: as long as the document's digest, SHA-384. */
    public static final int FRESH_NONCE_BYTES = 32;
    private static final Duration CONNECT_TIMEOUT_LIMIT = Duration.ofSeconds(2);
    private static final long EVICT_PERIOD_SECONDS = 5;

    private final ConnectEndpoint enclave;
    private final AttestationVerifier verifier;
    private final ProxyMetrics metrics;
    private final int maxInFlight;
    private final Duration requestTimeout;
    private final Semaphore slots;
    private final AgentPool pool;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService evictor;
    private final AtomicReference<CompletableFuture<EnclaveHealth>> healthProbe = new AtomicReference<>();
    private final SecureRandom random = new SecureRandom();

    public EnclaveGateway(ConnectEndpoint enclave, AttestationVerifier verifier, int maxInFlight,
            Duration requestTimeout, ProxyMetrics metrics) {
        this.enclave = enclave;
        this.verifier = verifier;
        this.metrics = metrics;
        this.maxInFlight = maxInFlight;
        this.requestTimeout = requestTimeout;
        this.slots = new Semaphore(maxInFlight);
        Duration connectTimeout = requestTimeout.compareTo(CONNECT_TIMEOUT_LIMIT) < 0 ? requestTimeout
                : CONNECT_TIMEOUT_LIMIT;
        // One more connection and worker than attestations in flight: the health probe's.
        this.pool = new AgentPool(enclave, maxInFlight + 1, connectTimeout, requestTimeout, metrics);
        this.workers = new ThreadPoolExecutor(maxInFlight + 1, maxInFlight + 1, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("proxy-enclave-"));
        this.workers.allowCoreThreadTimeOut(true);
        this.evictor = Executors.newSingleThreadScheduledExecutor(daemonThreads("proxy-pool-evictor-"));
        this.evictor.scheduleWithFixedDelay(pool::evictExpired, EVICT_PERIOD_SECONDS, EVICT_PERIOD_SECONDS,
                TimeUnit.SECONDS);
        metrics.inFlight(this::inFlight);
    }

    /** Where the agent is. */
    public ConnectEndpoint enclave() {
        return enclave;
    }

    /** Attestations being served now, including those whose client has already had its timeout answer. */
    public int inFlight() {
        return maxInFlight - slots.availablePermits();
    }

    /** The request timeout every attestation and health probe runs under. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * Asks the agent for a document with these fields and verifies it; never completes exceptionally.
     */
    public CompletableFuture<AttestationOutcome> attest(AttestationFields fields) {
        if (!slots.tryAcquire()) {
            return CompletableFuture.completedFuture(new AttestationOutcome.Overloaded(maxInFlight));
        }
        CompletableFuture<AttestationOutcome> outcome = new CompletableFuture<>();
        try {
            workers.execute(() -> {
                AttestationOutcome result;
                try {
                    result = attestNow(fields);
                } catch (RuntimeException e) {
                    result = new AttestationOutcome.BrokenAnswer("The proxy failed while handling the enclave's "
                            + "answer (" + e.getClass().getSimpleName() + ").");
                } finally {
                    // Before the answer goes out: a client that sends its next request as soon as it has the
                    // answer must find the slot free again.
                    slots.release();
                }
                outcome.complete(result);
            });
        } catch (RejectedExecutionException e) {
            slots.release();
            return CompletableFuture.completedFuture(new AttestationOutcome.Unavailable("The proxy is stopping."));
        }
        return outcome.completeOnTimeout(new AttestationOutcome.TimedOut(requestTimeout), requestTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Asks the agent's health operation, sharing a probe already under way; never completes exceptionally. */
    public CompletableFuture<EnclaveHealth> health() {
        while (true) {
            CompletableFuture<EnclaveHealth> running = healthProbe.get();
            if (running != null) {
                return running;
            }
            CompletableFuture<EnclaveHealth> probe = new CompletableFuture<>();
            if (healthProbe.compareAndSet(null, probe)) {
                startProbe(probe);
                return probe;
            }
        }
    }

    @Override
    public void close() {
        evictor.shutdownNow();
        workers.shutdownNow();
        pool.close();
    }

    private void startProbe(CompletableFuture<EnclaveHealth> probe) {
        probe.completeOnTimeout(EnclaveHealth.down("The enclave agent at " + enclave + " did not answer its health "
                + "check within " + requestTimeout.toMillis() + " ms."), requestTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
        // The next caller starts a new probe once this one has an answer, even one from the timeout.
        probe.whenComplete((health, failure) -> healthProbe.compareAndSet(probe, null));
        try {
            workers.execute(() -> probe.complete(probeNow()));
        } catch (RejectedExecutionException e) {
            probe.complete(EnclaveHealth.down("The proxy is stopping."));
        }
    }

    private EnclaveHealth probeNow() {
        try {
            pool.call(agent -> {
                agent.health();
                return null;
            });
            return EnclaveHealth.up();
        } catch (AgentErrorException e) {
            return EnclaveHealth.down("The enclave agent answered its health check with " + e.getMessage());
        } catch (AgentConnectException e) {
            return EnclaveHealth.down(e.getMessage());
        } catch (IOException e) {
            return EnclaveHealth.down("The health check of the enclave agent at " + enclave + " failed ("
                    + AgentPool.describe(e) + ").");
        }
    }

    private AttestationOutcome attestNow(AttestationFields fields) {
        byte[] nonce = fields.nonce().map(Bytes::toByteArray).orElseGet(this::freshNonce);
        byte[] userData = fields.userData().map(Bytes::toByteArray).orElse(null);
        byte[] publicKey = fields.publicKey().map(Bytes::toByteArray).orElse(null);
        byte[] document;
        try {
            document = pool.call(agent -> agent.attestation(nonce, userData, publicKey));
        } catch (AgentErrorException e) {
            metrics.enclaveError(e.code());
            return new AttestationOutcome.EnclaveRefused(e.code(), e.getMessage());
        } catch (SocketTimeoutException e) {
            return new AttestationOutcome.TimedOut(requestTimeout);
        } catch (AgentResponseException e) {
            return new AttestationOutcome.BrokenAnswer("The enclave agent's answer broke the agent protocol: "
                    + e.getMessage());
        } catch (AgentConnectException e) {
            return new AttestationOutcome.Unavailable(e.getMessage());
        } catch (IOException e) {
            return new AttestationOutcome.Unavailable("The connection to the enclave agent at " + enclave
                    + " failed (" + AgentPool.describe(e) + "); the agent may be restarting or at its connection "
                    + "limit, so retry shortly.");
        }
        Expectations expectations = Expectations.nonce(nonce);
        if (userData != null) {
            expectations = expectations.withUserData(userData);
        }
        if (publicKey != null) {
            expectations = expectations.withPublicKey(publicKey);
        }
        try {
            return new AttestationOutcome.Attested(document, verifier.verify(document, expectations));
        } catch (DocumentRejectedException e) {
            metrics.verificationFailure(e.reason());
            return new AttestationOutcome.Rejected(e.reason(), e.detail());
        }
    }

    private byte[] freshNonce() {
        byte[] nonce = new byte[FRESH_NONCE_BYTES];
        random.nextBytes(nonce);
        return nonce;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger numbers = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + numbers.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
