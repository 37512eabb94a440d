package dev.nitroattest.vsock;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connected TCP socket. Java's socket writes have no timeout, so a write that makes no progress in time is ended
 * by a watchdog that closes the socket: a peer that stops reading cannot hold a writer for ever.
 */
final class TcpConnection implements Connection {
    private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

    private final Socket socket;
    private final InputStream input;
    private final OutputStream output;
    private volatile long timeoutMillis;

    TcpConnection(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.input = socket.getInputStream();
        this.output = new WatchedOutput(socket.getOutputStream());
    }

    /**
     * One thread for every connection's write deadlines. Each write with a deadline schedules a task and cancels it
     * once written; a cancelled task leaves the queue at once, or busy connections with long deadlines would fill it.
     */
    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "tcp-write-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.setRemoveOnCancelPolicy(true);
        return watchdog;
    }

    /** The write deadlines queued across all TCP connections. */
    static int watchdogQueueSize() {
        return WATCHDOG.getQueue().size();
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void timeout(Duration timeout) throws IOException {
        long millis = timeout.isZero() ? 0 : Math.max(1, timeout.toMillis());
        timeoutMillis = millis;
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, millis));
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public String peer() {
        if (socket.getRemoteSocketAddress() instanceof InetSocketAddress address) {
            return new TcpEndpoint(address.getAddress().getHostAddress(), address.getPort()).toString();
        }
        return "tcp peer";
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // The socket is unusable either way; a failed close leaves nothing to recover.
        }
    }

    private final class WatchedOutput extends FilterOutputStream {
        WatchedOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] source, int offset, int length) throws IOException {
            long limit = timeoutMillis;
            if (limit == 0) {
                out.write(source, offset, length);
                return;
            }
            AtomicBoolean expired = new AtomicBoolean();
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
                expired.set(true);
                TcpConnection.this.close();
            }, limit, TimeUnit.MILLISECONDS);
            try {
                out.write(source, offset, length);
            } catch (IOException e) {
                if (expired.get()) {
                    throw new SocketTimeoutException("The peer did not take the data within " + limit + " ms.");
                }
                throw e;
            } finally {
                watchdog.cancel(false);
            }
        }
    }
}
