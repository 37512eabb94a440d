package dev.nitroattest.relay;

import dev.nitroattest.vsock.AcceptLoop;
import dev.nitroattest.vsock.Connection;
import dev.nitroattest.vsock.ListenEndpoint;
import dev.nitroattest.vsock.Listener;
import java.io.Closeable;
import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * One listener whose every connection is copied, raw, to one destination. There is no header and no way for a
 * connection to name another destination. A connection over the limit is accepted and closed at once (refusing in
 * the kernel's backlog would leave the client waiting instead); so is one whose destination cannot be reached.
 */
public final class Relay implements Closeable {
    private static final int BACKLOG = 64;

    private final RelayDestination destination;
    private final RelayLimits limits;
    private final RelayObserver observer;
    private final Predicate<Connection> admitted;
    private final Listener listener;
    private final Semaphore slots;
    private final ExecutorService threads;
    private final ScheduledThreadPoolExecutor idleTimer;
    private final Set<RelaySession> sessions = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean stopping;

    private Relay(String name, Listener listener, RelayDestination destination, RelayLimits limits,
            RelayObserver observer, Predicate<Connection> admitted) {
        this.listener = listener;
        this.admitted = admitted;
        this.destination = destination;
        this.limits = limits;
        this.observer = observer;
        this.slots = new Semaphore(limits.maxConnections());
        String threadName = name + "-" + listener.endpoint();
        AtomicInteger numbers = new AtomicInteger();
        // Two pumps per connection, and connections are capped by the semaphore: the pool is bounded by the limit.
        this.threads = Executors.newCachedThreadPool(
                task -> daemon(task, threadName + "-" + numbers.incrementAndGet()));
        this.idleTimer = new ScheduledThreadPoolExecutor(1, task -> daemon(task, threadName + "-idle"));
        // Each session's watchdog is cancelled when the session ends; left in the queue until it would have fired, a
        // churn of short connections would pile up one task each for the whole idle timeout (up to an hour).
        idleTimer.setRemoveOnCancelPolicy(true);
        this.acceptor = daemon(this::acceptLoop, threadName + "-acceptor");
    }

    /**
     * Listens on the endpoint and starts relaying.
     *
     * @param name names the relay's threads, e.g. {@code forward} or {@code bridge}
     * @throws IOException if the endpoint cannot be listened on
     */
    public static Relay start(String name, ListenEndpoint listen, RelayDestination destination, RelayLimits limits,
            RelayObserver observer) throws IOException {
        return start(name, listen, destination, limits, observer, connection -> true);
    }

    /**
     * Listens on the endpoint and starts relaying the connections {@code admitted} accepts; any other is closed at
     * once, before it takes a slot or reaches the destination, and reported to {@link RelayObserver#refusedPeer}.
     *
     * @param name names the relay's threads, e.g. {@code forward} or {@code bridge}
     * @param admitted decides by the accepted connection's peer ({@link Connection#peer()},
     *     {@link Connection#vsockPeer()}); called on the accepting thread, so it must be quick and must not block
     * @throws IOException if the endpoint cannot be listened on
     */
    public static Relay start(String name, ListenEndpoint listen, RelayDestination destination, RelayLimits limits,
            RelayObserver observer, Predicate<Connection> admitted) throws IOException {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(admitted, "admitted");
        Relay relay = new Relay(name, listen.listen(BACKLOG), destination, limits, observer, admitted);
        relay.acceptor.start();
        return relay;
    }

    /** Where it listens, with the actual port. */
    public ListenEndpoint endpoint() {
        return listener.endpoint();
    }

    /** The idle watchdogs queued: one per open session, and none left behind by sessions that ended. */
    int idleTimerQueueSize() {
        return idleTimer.getQueue().size();
    }

    /** Stops accepting and closes every relayed connection. */
    @Override
    public void close() {
        stopping = true;
        listener.close();
        sessions.forEach(RelaySession::close);
        threads.shutdownNow();
        idleTimer.shutdownNow();
        try {
            // The acceptor closes the relay itself when accepting fails for good; it cannot wait for itself.
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
                relay(connection);
            }

            @Override
            public void acceptFailed(IOException failure) {
                observer.acceptFailed(failure);
            }

            @Override
            public void stoppedBy(Throwable failure) {
                // Closed before anyone hears: whoever acts on the news finds the relay no longer listening.
                close();
                observer.stoppedBy(failure);
            }
        });
    }

    private void relay(Connection connection) {
        if (!admits(connection)) {
            try {
                observer.refusedPeer(connection.peer());
            } finally {
                connection.close();
            }
            return;
        }
        if (!slots.tryAcquire()) {
            try {
                observer.refusedAtLimit(connection.peer(), limits.maxConnections());
            } finally {
                connection.close();
            }
            return;
        }
        try {
            threads.execute(() -> open(connection));
        } catch (RejectedExecutionException e) {
            // close() shut the threads down meanwhile: the connection is not relayed.
            connection.close();
            slots.release();
        }
    }

    /** The owner's decision; one that fails refuses, as a closed door is the safe side of an allow-list. */
    private boolean admits(Connection connection) {
        try {
            return admitted.test(connection);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void open(Connection connection) {
        Connection outbound = null;
        IOException failure = null;
        try {
            outbound = destination.connect();
            if (outbound == null) {
                failure = new IOException("the destination gave no connection");
            }
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException | LinkageError e) {
            // A destination is the owner's code (vsock's native layer, say): whatever it throws, the client is
            // answered and its slot comes back, as for a destination that is down.
            failure = new IOException("the destination failed: " + e, e);
        }
        if (failure != null) {
            // The slot is free before anyone hears of the failure, and the failure is reported before the client
            // sees its connection end: whoever acts on either finds the relay ready for the next connection.
            slots.release();
            try {
                observer.destinationFailed(connection.peer(), failure);
            } finally {
                connection.close();
            }
            return;
        }
        RelaySession[] holder = new RelaySession[1];
        RelaySession session = new RelaySession(connection, outbound, limits.idleTimeout(), idleTimer, observer,
                () -> {
                    sessions.remove(holder[0]);
                    slots.release();
                    observer.closed();
                });
        holder[0] = session;
        sessions.add(session);
        observer.opened();
        try {
            if (stopping) {
                session.close();
                return;
            }
            session.start(threads);
        } catch (RuntimeException e) {
            session.close();
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
