package dev.nitroattest.proxy.internal.forward;

import dev.nitroattest.proxy.ForwardLimits;
import dev.nitroattest.proxy.ForwardRule;
import dev.nitroattest.proxy.ProxyLog;
import dev.nitroattest.proxy.internal.metrics.ForwardMetrics;
import dev.nitroattest.vsock.AcceptLoop;
import dev.nitroattest.vsock.Connection;
import dev.nitroattest.vsock.ListenEndpoint;
import dev.nitroattest.vsock.Listener;
import java.io.Closeable;
import java.io.IOException;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One forwarder listener: accepts connections (from the enclave, over vsock) and copies each, raw, to the rule's one
 * destination. There is no header and no way for a connection to name another destination. A connection over the
 * limit is accepted and closed at once, as the agent does; so is one whose destination cannot be reached.
 */
public final class Forwarder implements Closeable {
    private static final int BACKLOG = 64;

    private final ForwardRule rule;
    private final ForwardLimits limits;
    private final ProxyLog log;
    private final ForwardMetrics metrics;
    private final Listener listener;
    private final DestinationConnector connector;
    private final Semaphore slots;
    private final ExecutorService threads;
    private final ScheduledExecutorService idleTimer;
    private final Set<ForwardSession> sessions = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean stopping;

    private Forwarder(ForwardRule rule, Listener listener, ForwardLimits limits, ForwardMetrics metrics,
            ProxyLog log) {
        this.rule = rule;
        this.listener = listener;
        this.limits = limits;
        this.metrics = metrics;
        this.log = log;
        this.connector = new DestinationConnector(rule.destination(), limits.connectTimeout());
        this.slots = new Semaphore(limits.maxConnections());
        AtomicInteger numbers = new AtomicInteger();
        // Two pumps per connection, and connections are capped by the semaphore: the pool is bounded by the limit.
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "forward-" + listener.endpoint() + "-" + numbers.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.idleTimer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "forward-idle-" + listener.endpoint());
            thread.setDaemon(true);
            return thread;
        });
        this.acceptor = new Thread(this::acceptLoop, "forward-acceptor-" + listener.endpoint());
        this.acceptor.setDaemon(true);
    }

    /**
     * Listens on the rule's endpoint and starts forwarding.
     *
     * @throws IOException if the endpoint cannot be listened on
     */
    public static Forwarder start(ForwardRule rule, ForwardLimits limits, ForwardMetrics metrics, ProxyLog log)
            throws IOException {
        Forwarder forwarder = new Forwarder(rule, rule.listen().listen(BACKLOG), limits, metrics, log);
        forwarder.acceptor.start();
        return forwarder;
    }

    /** Where it listens, with the actual port. */
    public ListenEndpoint endpoint() {
        return listener.endpoint();
    }

    /** Stops accepting and closes every forwarded connection. */
    @Override
    public void close() {
        stopping = true;
        listener.close();
        sessions.forEach(ForwardSession::close);
        threads.shutdownNow();
        idleTimer.shutdownNow();
        try {
            // The acceptor closes the forwarder itself when accepting fails for good; it cannot wait for itself.
            if (Thread.currentThread() != acceptor) {
                acceptor.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        AcceptLoop.run(listener, () -> stopping, new AcceptLoop.Handler() {
            @Override
            public void accepted(Connection connection) {
                forward(connection);
            }

            @Override
            public void acceptFailed(IOException failure) {
                log.line("forward " + rule + ": accept failed: " + failure.getMessage());
            }

            @Override
            public void stoppedBy(Throwable failure) {
                log.line("forward " + rule + ": stopped: accepting connections failed: " + failure);
                close();
            }
        });
    }

    private void forward(Connection connection) {
        if (!slots.tryAcquire()) {
            metrics.refusedAtLimit();
            log.line("forward " + rule + ": refused a connection from " + connection.peer() + ": "
                    + limits.maxConnections() + " connections are open already");
            connection.close();
            return;
        }
        try {
            threads.execute(() -> open(connection));
        } catch (RejectedExecutionException e) {
            // close() shut the threads down meanwhile: the connection is not forwarded.
            connection.close();
            slots.release();
        }
    }

    private void open(Connection connection) {
        Socket outbound;
        try {
            outbound = connector.connect();
        } catch (IOException e) {
            metrics.destinationFailed();
            log.line("forward " + rule + ": closed the connection from " + connection.peer() + ": " + e.getMessage());
            connection.close();
            slots.release();
            return;
        }
        ForwardSession[] holder = new ForwardSession[1];
        ForwardSession session = new ForwardSession(connection, outbound, limits.idleTimeout(), idleTimer, metrics,
                () -> {
                    sessions.remove(holder[0]);
                    metrics.closed();
                    slots.release();
                });
        holder[0] = session;
        sessions.add(session);
        metrics.opened();
        try {
            if (stopping) {
                session.close();
                return;
            }
            session.start(threads);
        } catch (IOException | RuntimeException e) {
            session.close();
        }
    }
}
