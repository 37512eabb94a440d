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

/**
 * Idle connections to the enclave agent, reused most-recent-first so that surplus ones age out. An exchange on a
 * reused connection that finds it dead (the agent restarted, or closed it for being idle) is retried once on a new
 * connection, and the other idle connections, made to the same agent, are dropped: every agent request is free of
 * side effects, so a retry is safe. Thread-safe.
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
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final ProxyMetrics metrics;
    private final LinkedBlockingDeque<Idle> idle;
    private volatile boolean closed;

    /**
     * @param maxIdle how many idle connections to keep; more are closed when handed back
     * @param readTimeout how long each read or write of an exchange may wait
     */
    AgentPool(ConnectEndpoint endpoint, int maxIdle, Duration connectTimeout, Duration readTimeout,
            ProxyMetrics metrics) {
        this.endpoint = endpoint;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.metrics = metrics;
        this.idle = new LinkedBlockingDeque<>(maxIdle);
    }

    /**
     * Runs the exchange on an idle connection, or a new one.
     *
     * @throws AgentConnectException if no connection could be made
     * @throws AgentErrorException if the agent answered with a failure (the connection is kept)
     * @throws IOException if the exchange failed (the connection is closed)
     */
    <T> T call(Exchange<T> exchange) throws IOException, AgentErrorException {
        AgentClient reused = takeIdle();
        if (reused != null) {
            try {
                return run(reused, exchange);
            } catch (IOException e) {
                if (!isStale(e)) {
                    throw e;
                }
                dropIdle();
            }
        }
        return run(connect(), exchange);
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

    private <T> T run(AgentClient client, Exchange<T> exchange) throws IOException, AgentErrorException {
        try {
            T result = exchange.run(client);
            giveBack(client);
            return result;
        } catch (AgentErrorException e) {
            giveBack(client);
            throw e;
        } catch (AgentResponseException e) {
            metrics.connectionError(ConnectionErrorKind.PROTOCOL);
            throw e;
        } catch (IOException e) {
            metrics.connectionError(ConnectionErrorKind.TRANSPORT);
            throw e;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private AgentClient connect() throws AgentConnectException {
        try {
            return AgentClient.connect(endpoint, connectTimeout, readTimeout);
        } catch (IOException e) {
            metrics.connectionError(ConnectionErrorKind.CONNECT);
            throw new AgentConnectException("The enclave agent at " + endpoint + " cannot be reached ("
                    + describe(e) + "); check that the enclave and its agent are running.", e);
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
        return !(e instanceof AgentResponseException) && !(e instanceof SocketTimeoutException);
    }

    static String describe(IOException e) {
        return e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : e.getClass().getSimpleName();
    }
}
