package dev.nitroattest.vsock;

import dev.nitroattest.linux.LibC;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A connected {@code NativeSocket} (a vsock connection) with streams. */
final class NativeConnection implements Connection {
    private final NativeSocket socket;
    private final String peer;
    private final VsockAddress acceptedFrom;
    private volatile long timeoutMillis;
    private final InputStream input = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, target.length);
            return length == 0 ? 0 : socket.read(target, offset, length, timeoutMillis);
        }
    };
    private final OutputStream output = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] source, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, source.length);
            socket.write(source, offset, length, timeoutMillis);
        }
    };

    /** A connection this side made. */
    NativeConnection(NativeSocket socket, String peer) {
        this(socket, peer, null);
    }

    /** A connection a listener accepted, from {@code acceptedFrom} as the kernel reported it. */
    NativeConnection(NativeSocket socket, String peer, VsockAddress acceptedFrom) {
        this.socket = socket;
        this.peer = peer;
        this.acceptedFrom = acceptedFrom;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    /** A write that does not finish within the timeout closes the connection, as over TCP. */
    @Override
    public void timeout(Duration timeout) {
        timeoutMillis = timeout.isZero() ? 0 : NativeSocket.millis(timeout);
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdown(LibC.SHUT_WR);
    }

    @Override
    public String peer() {
        return peer;
    }

    @Override
    public Optional<VsockAddress> vsockPeer() {
        return Optional.ofNullable(acceptedFrom);
    }

    @Override
    public void close() {
        socket.close();
    }
}
