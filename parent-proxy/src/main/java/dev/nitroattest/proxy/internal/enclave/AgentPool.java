package dev.nitroattest.proxy.internal.enclave;

import dev.nitroattest.agent.client.AgentClient;
import dev.nitroattest.agent.client.AgentErrorException;
import dev.nitroattest.agent.client.AgentResponseException;
import dev.nitroattest.proxy.internal.metrics.ConnectionErrorKind;
import dev.nitroattest.proxy.internal.metrics.ProxyMetrics;
import dev.nitroattest.vsock.ConnectEndpoint;
import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Idle connections to the enclave agent, reused most-recent-first so that surplus ones age out. An exchange on a
 * reused connection that finds it dead (the agent restarted, or closed it for being idle) is retried once on a new
 * connection, and the other idle connections, made to the same agent, are dropped: every agent request is free of
 * side effects, so a retry is safe.
 *
 * <p>Every call runs under one {@link Deadline}. A connection's read timeout applies to each read, so an agent that
 * trickles its answer a byte at a time would never trip it: instead, a timer closes the connection in use when the
 * deadline passes, which ends the exchange wherever it is, and a connect gets only the time that is left. Thread-safe.
 */
final class AgentPool implements Closeable {
    /** Below the agent's default idle timeout (30 s), so that the pool usually drops a connection before the agent. */
    static final Duration MAX_IDLE = Duration.ofSeconds(20);

    /** One request to the agent over a connection. */
    @FunctionalInterface
    interface Exchange<T> {
        T run(AgentClient agent) throws IOException, AgentErrorException;
    }

    private record Idle(AgentClient client, long sinceNanos) {}

    private final ConnectEndpoint endpoint;
    private final Duration maxConnectTimeout;
    private final Duration readTimeout;
    private final ScheduledExecutorService timer;
    private final ProxyMetrics metrics;
    private final LinkedBlockingDeque<Idle> idle;
    private volatile boolean closed;

    /**
     * @param maxIdle how many idle connections to keep; more are closed when handed back
     * @param maxConnectTimeout the longest a connect may take, even when the deadline leaves more time
     * @param readTimeout how long each read or write of an exchange may wait
     * @param timer runs the tasks that close a connection at its call's deadline
     */
    AgentPool(ConnectEndpoint endpoint, int maxIdle, Duration maxConnectTimeout, Duration readTimeout,
            ScheduledExecutorService timer, ProxyMetrics metrics) {
        this.endpoint = endpoint;
        this.maxConnectTimeout = maxConnectTimeout;
        this.readTimeout = readTimeout;
        this.timer = timer;
        this.metrics = metrics;
        this.idle = new LinkedBlockingDeque<>(maxIdle);
    }

    /**
     * Runs the exchange on an idle connection, or a new one, all of it before the deadline.
     *
     * @throws DeadlineExceededException if the deadline passed first (the connection in use is closed)
     * @throws AgentConnectException if no connection could be made
     * @throws AgentErrorException if the agent answered with a failure (the connection is kept)
     * @throws IOException if the exchange failed (the connection is closed)
     */
    <T> T call(Exchange<T> exchange, Deadline deadline) throws IOException, AgentErrorException {
        if (deadline.passed()) {
            throw new DeadlineExceededException(deadline);
        }
        AgentClient reused = takeIdle();
        if (reused != null) {
            try {
                return run(reused, exchange, deadline);
            } catch (IOException e) {
                if (!isStale(e)) {
                    throw e;
                }
                dropIdle();
            }
        }
        return run(connect(deadline), exchange, deadline);
    }

    /** Closes the idle connections that have waited longer than {@link #MAX_IDLE}; called periodically. */
    void evictExpired() {
        long now = System.nanoTime();
        for (Iterator<Idle> i = idle.iterator(); i.hasNext(); ) {
            Idle entry = i.next();
            if (now - entry.sinceNanos() > MAX_IDLE.toNanos() && idle.remove(entry)) {
                entry.client().close();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        dropIdle();
    }

    private <T> T run(AgentClient client, Exchange<T> exchange, Deadline deadline)
            throws IOException, AgentErrorException {
        Watchdog watchdog;
        try {
            watchdog = new Watchdog(client, deadline);
        } catch (RejectedExecutionException e) {
            client.close();
            throw new IOException("The proxy is stopping.", e);
        }
        try {
            T result = exchange.run(client);
            keepIfUnexpired(client, watchdog);
            return result;
        } catch (AgentErrorException e) {
            keepIfUnexpired(client, watchdog);
            throw e;
        } catch (IOException e) {
            boolean expired = !watchdog.disarm();
            metrics.connectionError(e instanceof AgentResponseException && !expired ? ConnectionErrorKind.PROTOCOL
                    : ConnectionErrorKind.TRANSPORT);
            if (expired) {
                throw new DeadlineExceededException(deadline);
            }
            throw e;
        } catch (RuntimeException e) {
            watchdog.disarm();
            client.close();
            throw e;
        }
    }

    /** An exchange that ended just as its deadline passed may have had its connection closed under it. */
    private void keepIfUnexpired(AgentClient client, Watchdog watchdog) {
        if (watchdog.disarm()) {
            giveBack(client);
        }
    }

    private AgentClient connect(Deadline deadline) throws IOException {
        long remaining = deadline.remainingNanos();
        if (remaining <= 0) {
            throw new DeadlineExceededException(deadline);
        }
        Duration timeout = Duration.ofNanos(Math.min(remaining, maxConnectTimeout.toNanos()));
        try {
            return AgentClient.connect(endpoint, timeout, readTimeout);
        } catch (IOException e) {
            metrics.connectionError(ConnectionErrorKind.CONNECT);
            if (deadline.passed()) {
                throw new DeadlineExceededException(deadline);
            }
            throw new AgentConnectException("The enclave agent at " + endpoint + " cannot be reached ("
                    + describe(e) + "); check that the enclave and its agent are running.", e);
        }
    }

    /** Closes a connection when its call's deadline passes, unless disarmed first. */
    private final class Watchdog {
        private final AtomicBoolean settled = new AtomicBoolean();
        private final ScheduledFuture<?> task;

        Watchdog(AgentClient client, Deadline deadline) {
            this.task = timer.schedule(() -> {
                if (settled.compareAndSet(false, true)) {
                    client.close();
                }
            }, Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
        }

        /** Stops the watchdog; false if it had already closed the connection. */
        boolean disarm() {
            boolean disarmed = settled.compareAndSet(false, true);
            task.cancel(false);
            return disarmed;
        }
    }

    private AgentClient takeIdle() {
        long now = System.nanoTime();
        Idle entry;
        while ((entry = idle.pollFirst()) != null) {
            if (now - entry.sinceNanos() <= MAX_IDLE.toNanos()) {
                return entry.client();
            }
            entry.client().close();
        }
        return null;
    }

    private void giveBack(AgentClient client) {
        if (closed || !idle.offerFirst(new Idle(client, System.nanoTime()))) {
            client.close();
        } else if (closed) {
            // close() may have drained the pool between the check and the offer.
            dropIdle();
        }
    }

    private void dropIdle() {
        Idle entry;
        while ((entry = idle.pollFirst()) != null) {
            entry.client().close();
        }
    }

    /** A reused connection that failed this way was dead before the request: the agent is worth asking again. */
    private static boolean isStale(IOException e) {
        return !(e instanceof AgentResponseException) && !(e instanceof SocketTimeoutException)
                && !(e instanceof DeadlineExceededException);
    }

    static String describe(IOException e) {
        return e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : e.getClass().getSimpleName();
    }
}
