package dev.nitroattest.agent;

import dev.nitroattest.nsm.Nsm;
import dev.nitroattest.vsock.Connection;
import dev.nitroattest.vsock.ListenEndpoint;
import dev.nitroattest.vsock.Listener;
import dev.nitroattest.vsock.ListenerClosedException;
import java.io.Closeable;
import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves the agent protocol on an endpoint with an NSM: one thread accepts, and each connection is served by a
 * thread of a pool as large as the connection limit. A connection over the limit is closed at once, unanswered, so
 * that its client can retry elsewhere or later; idle and slow connections are closed after the idle timeout. The
 * server does not own the NSM: close it after the server.
 */
public final class AgentServer implements Closeable {
    private static final int BACKLOG = 64;
    private static final long STOP_WAIT_SECONDS = 5;

    private final Listener listener;
    private final RequestHandler handler;
    private final AgentSettings settings;
    private final AgentLog log;
    private final Semaphore slots;
    private final ThreadPoolExecutor pool;
    private final Set<ConnectionSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionIds = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread acceptor;
    private volatile boolean stopping;

    private AgentServer(Listener listener, Nsm nsm, AgentSettings settings, AgentLog log) {
        this.listener = listener;
        this.handler = new RequestHandler(nsm);
        this.settings = settings;
        this.log = log;
        this.slots = new Semaphore(settings.maxConnections());
        this.pool = new ThreadPoolExecutor(settings.maxConnections(), settings.maxConnections(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> new Thread(task, "agent-connection"));
        this.pool.allowCoreThreadTimeOut(true);
        this.acceptor = new Thread(this::acceptLoop, "agent-acceptor");
    }

    /**
     * Listens on the endpoint and starts serving.
     *
     * @throws IOException if the endpoint cannot be listened on
     */
    public static AgentServer start(ListenEndpoint endpoint, Nsm nsm, AgentSettings settings, AgentLog log)
            throws IOException {
        Objects.requireNonNull(nsm, "nsm");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(log, "log");
        AgentServer server = new AgentServer(endpoint.listen(BACKLOG), nsm, settings, log);
        server.acceptor.start();
        return server;
    }

    /** Where the server listens, with the actual port. */
    public ListenEndpoint endpoint() {
        return listener.endpoint();
    }

    /** Waits until the server has stopped. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
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
        sessions.forEach(ConnectionSession::close);
        pool.shutdown();
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
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
        while (!stopping) {
            Connection connection;
            try {
                connection = listener.accept();
            } catch (ListenerClosedException e) {
                return;
            } catch (IOException e) {
                log.line("accept failed: " + e.getMessage());
                pauseAfterAcceptFailure();
                continue;
            }
            serve(connection);
        }
    }

    private void serve(Connection connection) {
        if (stopping) {
            connection.close();
            return;
        }
        if (!slots.tryAcquire()) {
            log.line("refused a connection from " + connection.peer() + ": " + settings.maxConnections()
                    + " connections are open already");
            connection.close();
            return;
        }
        ConnectionSession[] holder = new ConnectionSession[1];
        ConnectionSession session = new ConnectionSession(connectionIds.incrementAndGet(), connection, handler,
                settings.idleTimeout(), log, () -> {
                    sessions.remove(holder[0]);
                    slots.release();
                });
        holder[0] = session;
        sessions.add(session);
        if (stopping) {
            // close() may have walked the sessions before this one was added.
            session.close();
        }
        try {
            pool.execute(session);
        } catch (RejectedExecutionException e) {
            // The pool was shut down by close() meanwhile: the connection is not served.
            session.close();
            sessions.remove(session);
            slots.release();
        }
    }

    /** A failing accept (out of file descriptors, say) must not spin the acceptor at full speed. */
    private static void pauseAfterAcceptFailure() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
