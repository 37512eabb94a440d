package dev.nitroattest.proxy.internal.enclave;

import dev.nitroattest.agent.client.AgentErrorException;
import dev.nitroattest.agent.client.AgentResponseException;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.proxy.internal.metrics.ProxyMetrics;
import dev.nitroattest.vsock.ConnectEndpoint;
import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks the enclave agent for documents and verifies them, off the HTTP threads. At most {@code maxInFlight}
 * attestations run at once, each on a worker thread of its own; one more is answered
 * {@link AttestationOutcome.Overloaded} at once. Each request has one deadline, the request timeout from its
 * arrival, that covers connecting, a retry and the whole exchange: when it passes, the client is answered
 * {@link AttestationOutcome.TimedOut} and the agent connection in use is closed, which ends the worker's wait. A
 * slow, trickling or dead agent therefore holds at most {@code maxInFlight} workers, each for at most the request
 * timeout, and never an HTTP thread. A request's slot is given back when its worker is done, just before its answer
 * is handed on.
 *
 * <p>Health checks run on a thread of their own, so they never wait behind attestations, and one at a time:
 * callers that arrive while one runs share its answer, and each caller gets a 503-worthy answer once its own
 * request timeout has passed, without starting another check.
 */
public final class EnclaveGateway implements Closeable {
    /** The health answer for an agent the proxy cannot reach or talk to; the log line says how. */
    private static final String UNREACHABLE = "The enclave agent cannot be reached; the proxy's log says why.";
    /** The nonce chosen for a client that sent none: as long as the document's digest, SHA-384. */
    public static final int FRESH_NONCE_BYTES = 32;
    /**
     * A connect to the agent is a local vsock (or loopback) connection: when it takes this long, nothing listens or
     * the agent is at its limit, and the client is better told so (503) than kept waiting for its whole timeout.
     */
    private static final Duration CONNECT_TIMEOUT_LIMIT = Duration.ofSeconds(2);
    private static final long EVICT_PERIOD_SECONDS = 5;
    private static final long IDLE_THREAD_SECONDS = 30;

    private final ConnectEndpoint enclave;
    private final AttestationVerifier verifier;
    private final ProxyMetrics metrics;
    private final int maxInFlight;
    private final Duration requestTimeout;
    private final Semaphore slots;
    private final ScheduledThreadPoolExecutor timer;
    private final AgentPool pool;
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor healthChecker;
    private final AtomicReference<CompletableFuture<EnclaveHealth>> runningCheck = new AtomicReference<>();
    private final SecureRandom random = new SecureRandom();

    public EnclaveGateway(ConnectEndpoint enclave, AttestationVerifier verifier, int maxInFlight,
            Duration requestTimeout, ProxyMetrics metrics) {
        this.enclave = enclave;
        this.verifier = verifier;
        this.metrics = metrics;
        this.maxInFlight = maxInFlight;
        this.requestTimeout = requestTimeout;
        this.slots = new Semaphore(maxInFlight);
        this.timer = new ScheduledThreadPoolExecutor(1, daemonThreads("proxy-deadlines-"));
        // A request's watchdog is cancelled as soon as it is answered: thousands per second must not pile up.
        this.timer.setRemoveOnCancelPolicy(true);
        // One idle connection more than attestations in flight: the health check's.
        this.pool = new AgentPool(enclave, maxInFlight + 1, CONNECT_TIMEOUT_LIMIT, requestTimeout, timer, metrics);
        // The slots admit at most maxInFlight tasks at a time, so this queue never fills: it only holds a task for
        // the moment between a worker giving back its slot and being free to take the next one.
        this.workers = new ThreadPoolExecutor(maxInFlight, maxInFlight, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(maxInFlight), daemonThreads("proxy-enclave-"));
        this.workers.allowCoreThreadTimeOut(true);
        this.healthChecker = new ThreadPoolExecutor(1, 1, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1), daemonThreads("proxy-health-"));
        this.healthChecker.allowCoreThreadTimeOut(true);
        this.timer.scheduleWithFixedDelay(pool::evictExpired, EVICT_PERIOD_SECONDS, EVICT_PERIOD_SECONDS,
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

    /**
     * Asks the agent for a document with these fields and verifies it; never completes exceptionally.
     */
    public CompletableFuture<AttestationOutcome> attest(AttestationFields fields) {
        if (!slots.tryAcquire()) {
            return CompletableFuture.completedFuture(new AttestationOutcome.Overloaded(maxInFlight));
        }
        Deadline deadline = Deadline.after(requestTimeout);
        CompletableFuture<AttestationOutcome> outcome = new CompletableFuture<>();
        try {
            workers.execute(() -> {
                AttestationOutcome result;
                try {
                    result = attestNow(fields, deadline);
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
        // Verification is not interruptible: the client gets its 504 on time even if the worker is still at it.
        return outcome.completeOnTimeout(new AttestationOutcome.TimedOut(requestTimeout), requestTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Asks the agent's health operation, joining a check already under way; never completes exceptionally. The
     * answer comes within the request timeout: past it, the enclave is reported down, and the check goes on alone
     * until its own deadline.
     */
    public CompletableFuture<EnclaveHealth> health() {
        return healthCheck().copy().completeOnTimeout(notAnsweredInTime(),
                requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        workers.shutdownNow();
        healthChecker.shutdownNow();
        pool.close();
        // Not shutdownNow: the watchdogs still pending close the connections of exchanges under way.
        timer.shutdown();
    }

    private CompletableFuture<EnclaveHealth> healthCheck() {
        while (true) {
            CompletableFuture<EnclaveHealth> running = runningCheck.get();
            if (running != null) {
                return running;
            }
            CompletableFuture<EnclaveHealth> check = new CompletableFuture<>();
            if (runningCheck.compareAndSet(null, check)) {
                Deadline deadline = Deadline.after(requestTimeout);
                try {
                    healthChecker.execute(() -> {
                        EnclaveHealth health = EnclaveHealth.down("The proxy failed while checking the enclave's "
                                + "health.");
                        try {
                            health = checkNow(deadline);
                        } finally {
                            // Only once the check has ended may the next caller start another, and before its answer
                            // is out: a caller that comes after the answer must not join a finished check.
                            runningCheck.compareAndSet(check, null);
                            check.complete(health);
                        }
                    });
                } catch (RejectedExecutionException e) {
                    runningCheck.compareAndSet(check, null);
                    check.complete(EnclaveHealth.down("The proxy is stopping."));
                }
                return check;
            }
        }
    }

    private EnclaveHealth checkNow(Deadline deadline) {
        try {
            pool.call(agent -> {
                agent.health();
                return null;
            }, deadline);
            return EnclaveHealth.up();
        } catch (AgentErrorException e) {
            return EnclaveHealth.down("The enclave agent answered its health check with " + e.code() + "; see the "
                    + "agent's log.", "The enclave agent at " + enclave + " answered its health check with "
                    + e.getMessage());
        } catch (DeadlineExceededException e) {
            return notAnsweredInTime();
        } catch (AgentConnectException e) {
            return EnclaveHealth.down(UNREACHABLE, e.getMessage());
        } catch (IOException e) {
            return EnclaveHealth.down(UNREACHABLE, "The health check of the enclave agent at " + enclave + " failed ("
                    + AgentPool.describe(e) + ").");
        } catch (RuntimeException e) {
            return EnclaveHealth.down("The proxy failed while checking the enclave agent's health; its log says why.",
                    "The proxy failed while checking the enclave agent's health (" + e + ").");
        }
    }

    private EnclaveHealth notAnsweredInTime() {
        String late = "did not answer its health check within " + requestTimeout.toMillis() + " ms.";
        return EnclaveHealth.down("The enclave agent " + late, "The enclave agent at " + enclave + " " + late);
    }

    private AttestationOutcome attestNow(AttestationFields fields, Deadline deadline) {
        byte[] nonce = fields.nonce().map(Bytes::toByteArray).orElseGet(this::freshNonce);
        byte[] document;
        try {
            document = pool.call(agent -> agent.attestation(nonce), deadline);
        } catch (AgentErrorException e) {
            metrics.enclaveError(e.code());
            return new AttestationOutcome.EnclaveRefused(e.code(), e.getMessage());
        } catch (DeadlineExceededException | SocketTimeoutException e) {
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
        try {
            return new AttestationOutcome.Attested(document, verifier.verify(document, Expectations.nonce(nonce)));
        } catch (DocumentRejectedException e) {
            metrics.verificationFailure(e.reason());
            return new AttestationOutcome.Rejected(e);
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
