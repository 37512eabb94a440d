package dev.nitroattest.agent;

import dev.nitroattest.agent.binding.BindingSource;
import dev.nitroattest.nsm.Nsm;
import dev.nitroattest.text.LineLog;
import dev.nitroattest.vsock.AcceptLoop;
import dev.nitroattest.vsock.Connection;
import dev.nitroattest.vsock.ListenEndpoint;
import dev.nitroattest.vsock.Listener;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves the agent protocol on an endpoint with an NSM: one thread accepts, and each connection is served by a
 * thread of a pool as large as the connection limit. When every slot is taken, a new connection is admitted by
 * evicting the connection whose last complete exchange is oldest, preferring one that is not answering a request; one
 * that is answering is closed only after its answer is written. So a client holding every slot with idle or half-sent
 * connections cannot lock others out: on vsock every parent-side client has the same CID, so no per-peer limit could
 * tell them apart. The server does not own the NSM: close it after the server.
 *
 * <p>Every document carries the requesting client's nonce and what the {@link BindingSource} holds when it is made;
 * clients choose no other field (docs/protocol.md).
 */
public final class AgentServer implements Closeable {
    private static final int BACKLOG = 64;
    private static final long STOP_WAIT_SECONDS = 5;
    /**
     * Evicted sessions run on until their thread notices (at once, or after one answer), and a new session may
     * wait for a thread meanwhile. Served and evicted sessions together are kept under this multiple of the
     * connection limit, so that a flood of new connections cannot pile up sessions without bound.
     */
    private static final int SESSION_BOUND_FACTOR = 2;

    private final Listener listener;
    private final RequestHandler handler;
    private final AgentSettings settings;
    private final LineLog log;
    private final ThreadPoolExecutor pool;
    private final Object admission = new Object();
    /** The sessions that count against the connection limit. Guarded by admission. */
    private final Set<ConnectionSession> served = new HashSet<>();
    /** Evicted sessions whose thread has not ended yet. Guarded by admission. */
    private final Set<ConnectionSession> evicted = new HashSet<>();
    private final AtomicLong connectionIds = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread acceptor;
    private volatile boolean stopping;
    private volatile Throwable failure;

    private AgentServer(Listener listener, Nsm nsm, BindingSource binding, AgentSettings settings, LineLog log) {
        this.listener = listener;
        this.handler = new RequestHandler(nsm, binding);
        this.settings = settings;
        this.log = log;
        this.pool = new ThreadPoolExecutor(settings.maxConnections(), settings.maxConnections(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> new Thread(task, "agent-connection"));
        this.pool.allowCoreThreadTimeOut(true);
        this.acceptor = new Thread(this::acceptLoop, "agent-acceptor");
    }

    /**
     * Listens on the endpoint and starts serving documents that bind the caller's nonce only.
     *
     * @throws IOException if the endpoint cannot be listened on
     */
    public static AgentServer start(ListenEndpoint endpoint, Nsm nsm, AgentSettings settings, LineLog log)
            throws IOException {
        return start(endpoint, nsm, BindingSource.nothing(), settings, log);
    }

    /**
     * Listens on the endpoint and starts serving documents that bind the caller's nonce and the enclave's binding.
     *
     * @param binding where the public key and user data of every document come from, inside the enclave
     * @throws IOException if the endpoint cannot be listened on
     */
    public static AgentServer start(ListenEndpoint endpoint, Nsm nsm, BindingSource binding, AgentSettings settings,
            LineLog log) throws IOException {
        Objects.requireNonNull(nsm, "nsm");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(log, "log");
        return start(endpoint.listen(BACKLOG), nsm, binding, settings, log);
    }

    /** Starts serving on a listener that is already listening; the server closes it when it stops. */
    static AgentServer start(Listener listener, Nsm nsm, AgentSettings settings, LineLog log) {
        return start(listener, nsm, BindingSource.nothing(), settings, log);
    }

    /** As above, with the enclave's binding. */
    static AgentServer start(Listener listener, Nsm nsm, BindingSource binding, AgentSettings settings,
            LineLog log) {
        AgentServer server = new AgentServer(listener, nsm, binding, settings, log);
        server.acceptor.start();
        return server;
    }

    /** Where the server listens, with the actual port. */
    public ListenEndpoint endpoint() {
        return listener.endpoint();
    }

    /** Waits until the server has stopped: closed, or stopped by itself after a {@link #failure()}. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /**
     * Why the server stopped by itself, if it did: accepting connections failed in a way it cannot recover from. The
     * agent then exits with a non-zero status, so that whatever supervises it can start it again.
     */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Stops accepting, closes every connection (a request being answered may lose its answer), and waits up to five
     * seconds for the connection threads to end.
     */
    @Override
    public void close() {
        if (stopping) {
            awaitQuietly();
            return;
        }
        stopping = true;
        listener.close();
        List<ConnectionSession> open;
        synchronized (admission) {
            open = new ArrayList<>(served);
            open.addAll(evicted);
        }
        open.forEach(ConnectionSession::close);
        pool.shutdown();
        try {
            if (Thread.currentThread() != acceptor) {
                acceptor.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
            }
            if (!pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.line("connection threads still running after " + STOP_WAIT_SECONDS + " s; leaving them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    private void awaitQuietly() {
        try {
            stopped.await(STOP_WAIT_SECONDS * 2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        AcceptLoop.run(listener, () -> stopping, new AcceptLoop.Handler() {
            @Override
            public void accepted(Connection connection) {
                admit(connection);
            }

            @Override
            public void acceptFailed(IOException failure) {
                log.line("accept failed: " + failure.getMessage());
            }

            @Override
            public void stoppedBy(Throwable cause) {
                // Stop, so that main exits non-zero and whatever supervises the agent starts it again.
                failure = cause;
                log.line("stopping: accepting connections failed: " + cause);
                close();
            }
        });
    }

    private void admit(Connection connection) {
        ConnectionSession session;
        synchronized (admission) {
            if (stopping) {
                connection.close();
                return;
            }
            if (served.size() >= settings.maxConnections() && !evictForNewcomer(connection)) {
                connection.close();
                return;
            }
            ConnectionSession[] holder = new ConnectionSession[1];
            session = new ConnectionSession(connectionIds.incrementAndGet(), connection, handler, settings, log,
                    () -> ended(holder[0]));
            holder[0] = session;
            served.add(session);
        }
        try {
            pool.execute(session);
        } catch (RejectedExecutionException e) {
            // The pool was shut down by close() meanwhile: the connection is not served.
            session.close();
            ended(session);
        }
    }

    /** Evicts the longest-idle session; false if too many evicted sessions are still ending to admit anyone. */
    private boolean evictForNewcomer(Connection newcomer) {
        if (served.size() + evicted.size() >= SESSION_BOUND_FACTOR * settings.maxConnections()) {
            log.line("refused a connection from " + newcomer.peer() + ": all " + settings.maxConnections()
                    + " connections are taken and " + evicted.size() + " evicted ones are still ending");
            return false;
        }
        ConnectionSession victim = longestIdle();
        served.remove(victim);
        evicted.add(victim);
        boolean closedNow = victim.evict();
        log.line("conn=" + victim.id() + " evicted to admit a connection from " + newcomer.peer() + ": all "
                + settings.maxConnections() + " connections are taken and its last exchange is the oldest"
                + (closedNow ? "" : "; it ends after the answer it is giving"));
        return true;
    }

    /** Of the served sessions, the one not answering whose last exchange is oldest, else the oldest answering one. */
    private ConnectionSession longestIdle() {
        ConnectionSession chosen = null;
        boolean chosenAnswering = true;
        long chosenExchange = 0;
        for (ConnectionSession session : served) {
            boolean answering = session.isAnswering();
            long lastExchange = session.lastExchangeNanos();
            boolean better = chosen == null || (chosenAnswering && !answering)
                    || (chosenAnswering == answering && lastExchange - chosenExchange < 0);
            if (better) {
                chosen = session;
                chosenAnswering = answering;
                chosenExchange = lastExchange;
            }
        }
        return chosen;
    }

    private void ended(ConnectionSession session) {
        synchronized (admission) {
            served.remove(session);
            evicted.remove(session);
        }
    }
}
