package dev.nitroattest.agent;

import dev.nitroattest.vsock.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A connection's input with the agent's two clocks: between frames a client may stay silent for the idle timeout;
 * once a frame has started, all of it must arrive within the same time. A client trickling one byte at a time
 * therefore cannot hold a connection for longer than that.
 */
final class FrameDeadlineInput extends InputStream {
    private final Connection connection;
    private final Duration limit;
    private boolean inFrame;
    private long deadline;

    FrameDeadlineInput(Connection connection, Duration limit) {
        this.connection = connection;
        this.limit = limit;
    }

    /** The next byte read starts a frame. */
    void awaitNextFrame() {
        inFrame = false;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (!inFrame) {
            connection.timeout(limit);
            int read = connection.input().read(target, offset, length);
            if (read > 0) {
                inFrame = true;
                deadline = System.nanoTime() + limit.toNanos();
            }
            return read;
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new SocketTimeoutException("The frame did not arrive within " + limit.toMillis() + " ms.");
        }
        connection.timeout(Duration.ofNanos(remaining));
        return connection.input().read(target, offset, length);
    }
}
