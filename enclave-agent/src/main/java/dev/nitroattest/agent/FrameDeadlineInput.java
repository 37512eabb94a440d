package dev.nitroattest.agent;

import dev.nitroattest.vsock.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A connection's input with the agent's two clocks: between frames a client may stay silent for the idle timeout;
 * once a frame has started, all of it must arrive within the frame timeout. A client that sends part of a frame, or
 * trickles one byte at a time, therefore holds a connection for the frame timeout at most, not for the idle timeout.
 */
final class FrameDeadlineInput extends InputStream {
    private final Connection connection;
    private final Duration idleTimeout;
    private final Duration frameTimeout;
    private boolean inFrame;
    private long deadline;

    FrameDeadlineInput(Connection connection, Duration idleTimeout, Duration frameTimeout) {
        this.connection = connection;
        this.idleTimeout = idleTimeout;
        this.frameTimeout = frameTimeout;
    }

    /** The next byte read starts a frame. */
    void awaitNextFrame() {
        inFrame = false;
    }

    /** Whether the frame being read has started: its first byte has arrived. */
    boolean inFrame() {
        return inFrame;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (!inFrame) {
            connection.timeout(idleTimeout);
            int read = connection.input().read(target, offset, length);
            if (read > 0) {
                inFrame = true;
                deadline = System.nanoTime() + frameTimeout.toNanos();
            }
            return read;
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new SocketTimeoutException("The frame did not arrive within " + frameTimeout.toMillis() + " ms.");
        }
        connection.timeout(Duration.ofNanos(remaining));
        return connection.input().read(target, offset, length);
    }
}
