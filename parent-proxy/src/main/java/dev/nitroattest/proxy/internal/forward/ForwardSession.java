package dev.nitroattest.proxy.internal.forward;

import dev.nitroattest.proxy.internal.metrics.ForwardMetrics;
import dev.nitroattest.vsock.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * One forwarded connection: two pumps copy bytes each way. End of stream on one side is passed on as a half-close
 * to the other (TLS close_notify and HTTP/1.0 rely on it); the session ends when both directions have ended, when
 * either side fails, or when no byte has moved either way for the idle timeout.
 */
final class ForwardSession {
    private static final int BUFFER_BYTES = 16 * 1024;

    private final Connection inbound;
    private final Socket outbound;
    private final Duration idleTimeout;
    private final ForwardMetrics metrics;
    private final Runnable onEnd;
    private final AtomicInteger directionsOpen = new AtomicInteger(2);
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile long lastActivityNanos = System.nanoTime();

    /**
     * @param onEnd called once when the session has ended and both sides are closed
     */
    ForwardSession(Connection inbound, Socket outbound, Duration idleTimeout, ForwardMetrics metrics,
            Runnable onEnd) {
        this.inbound = inbound;
        this.outbound = outbound;
        this.idleTimeout = idleTimeout;
        this.metrics = metrics;
        this.onEnd = onEnd;
    }

    /** Starts both pumps on the executor; the calling thread does not wait. */
    void start(Executor threads) throws IOException {
        // Each read wakes up at least once per idle timeout, to see whether the other direction moved meanwhile.
        inbound.timeout(idleTimeout);
        outbound.setSoTimeout((int) Math.min(Integer.MAX_VALUE, idleTimeout.toMillis()));
        InputStream fromInbound = inbound.input();
        OutputStream toOutbound = outbound.getOutputStream();
        InputStream fromOutbound = outbound.getInputStream();
        OutputStream toInbound = inbound.output();
        threads.execute(() -> pump(fromInbound, toOutbound, metrics::toDestination, this::endOutbound));
        threads.execute(() -> pump(fromOutbound, toInbound, metrics::fromDestination, this::endInbound));
    }

    /** Closes both sides now. */
    void close() {
        end(false);
    }

    /** Ends the session once, whichever pump or caller gets here first; only that one counts an idle close. */
    private void end(boolean forIdleness) {
        if (ended.compareAndSet(false, true)) {
            if (forIdleness) {
                metrics.idleClosed();
            }
            inbound.close();
            try {
                outbound.close();
            } catch (IOException e) {
                // Nothing is left to flush on a forwarded socket that is being torn down.
            }
            onEnd.run();
        }
    }

    private void pump(InputStream from, OutputStream to, IntConsumer counter, HalfClose halfClose) {
        byte[] buffer = new byte[BUFFER_BYTES];
        try {
            while (true) {
                int read;
                try {
                    read = from.read(buffer);
                } catch (SocketTimeoutException e) {
                    if (System.nanoTime() - lastActivityNanos >= idleTimeout.toNanos()) {
                        end(true);
                        return;
                    }
                    continue;
                }
                if (read < 0) {
                    halfClose.run();
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

    private void endOutbound() throws IOException {
        outbound.shutdownOutput();
    }

    private void endInbound() throws IOException {
        inbound.shutdownOutput();
    }

    @FunctionalInterface
    private interface HalfClose {
        void run() throws IOException;
    }
}
