package dev.nitroattest.relay;

import dev.nitroattest.vsock.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * One relayed connection: two pumps copy bytes each way. End of stream on one side is passed on as a half-close
 * to the other (TLS close_notify and HTTP/1.0 rely on it); the session ends when both directions have ended, when
 * either side fails, or when no byte has moved either way for the idle timeout.
 *
 * <p>Idleness is watched by a timer, not by the pumps: a pump blocked in a write to a side that stops reading
 * cannot notice anything, and when both sides stop reading both pumps are blocked so. A byte moves when a read
 * returns it or a write has handed it on; a chunk (up to {@value #BUFFER_BYTES} bytes) that the other side does not
 * take within the idle timeout therefore counts as no movement.
 */
final class RelaySession {
    private static final int BUFFER_BYTES = 16 * 1024;

    private final Connection inbound;
    private final Connection outbound;
    private final long idleNanos;
    private final ScheduledExecutorService timer;
    private final RelayObserver observer;
    private final Runnable onEnd;
    private final AtomicInteger directionsOpen = new AtomicInteger(2);
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile ScheduledFuture<?> watchdog;

    /**
     * @param timer runs the session's idle watchdog
     * @param onEnd called once when the session has ended and both sides are closed
     */
    RelaySession(Connection inbound, Connection outbound, Duration idleTimeout, ScheduledExecutorService timer,
            RelayObserver observer, Runnable onEnd) {
        this.inbound = inbound;
        this.outbound = outbound;
        this.idleNanos = saturatedNanos(idleTimeout);
        this.timer = timer;
        this.observer = observer;
        this.onEnd = onEnd;
    }

    /** Starts both pumps on the executor, and the idle watchdog; the calling thread does not wait. */
    void start(Executor threads) {
        lastActivityNanos = System.nanoTime();
        watchAfter(idleNanos);
        threads.execute(() -> pump(inbound.input(), outbound.output(), observer::toDestination, outbound));
        threads.execute(() -> pump(outbound.input(), inbound.output(), observer::fromDestination, inbound));
    }

    /** Closes both sides now. */
    void close() {
        end(false);
    }

    /** Ends the session once, whichever pump, watchdog or caller gets here first; only the watchdog counts. */
    private void end(boolean forIdleness) {
        if (ended.compareAndSet(false, true)) {
            ScheduledFuture<?> pending = watchdog;
            if (pending != null) {
                pending.cancel(false);
            }
            if (forIdleness) {
                observer.idleClosed();
            }
            // Closing makes the pumps' blocked reads and writes fail, which ends them.
            inbound.close();
            outbound.close();
            onEnd.run();
        }
    }

    private void watchAfter(long delayNanos) {
        ScheduledFuture<?> next;
        try {
            next = timer.schedule(this::checkIdle, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The relay is stopping and closes every session.
            close();
            return;
        }
        watchdog = next;
        // The session may have ended between checkIdle's look and here, end() cancelling the watchdog before this one.
        if (ended.get()) {
            next.cancel(false);
        }
    }

    private void checkIdle() {
        if (ended.get()) {
            return;
        }
        long left = idleNanos - (System.nanoTime() - lastActivityNanos);
        if (left <= 0) {
            end(true);
        } else {
            watchAfter(left);
        }
    }

    /** Copies until end of stream, which it passes on to {@code toSide} as a half-close, or until a failure. */
    private void pump(InputStream from, OutputStream to, IntConsumer counter, Connection toSide) {
        byte[] buffer = new byte[BUFFER_BYTES];
        try {
            while (true) {
                int read = from.read(buffer);
                if (read < 0) {
                    toSide.shutdownOutput();
                    if (directionsOpen.decrementAndGet() == 0) {
                        close();
                    }
                    return;
                }
                lastActivityNanos = System.nanoTime();
                to.write(buffer, 0, read);
                to.flush();
                lastActivityNanos = System.nanoTime();
                counter.accept(read);
            }
        } catch (IOException e) {
            close();
        }
    }

    /** A timeout too long for nanoseconds is as good as none; the timer takes the largest delay it can. */
    private static long saturatedNanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
