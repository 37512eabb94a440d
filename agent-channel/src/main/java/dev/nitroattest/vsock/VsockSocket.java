package dev.nitroattest.vsock;

import dev.nitroattest.linux.Errno;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/** An AF_VSOCK stream socket: a {@code NativeSocket} with vsock addresses and vsock's own connect timeout. */
final class VsockSocket implements Closeable {
    private static final int SO_VM_SOCKETS_CONNECT_TIMEOUT = 6;
    private static final String KIND = "vsock";

    private final NativeSocket socket;

    private VsockSocket(NativeSocket socket) {
        this.socket = socket;
    }

    static VsockSocket open() throws IOException {
        try {
            return new VsockSocket(NativeSocket.open(VsockAddress.AF_VSOCK, KIND));
        } catch (VsockException e) {
            if (e.errno().number() == Errno.EAFNOSUPPORT) {
                throw new VsockException(e.errno(), "This system has no vsock support (" + e.errno().name()
                        + "): load the vsock kernel module or use a tcp: endpoint.");
            }
            throw e;
        }
    }

    /** The byte stream, for a connected socket. */
    NativeSocket stream() {
        return socket;
    }

    void bind(VsockAddress address) throws IOException {
        socket.bind(address.toSockaddr(), address.toString());
    }

    void listen(int backlog) throws IOException {
        socket.listen(backlog);
    }

    VsockAddress localAddress() throws IOException {
        return VsockAddress.fromSockaddr(socket.localAddress(VsockAddress.SOCKADDR_SIZE));
    }

    /** An accepted connection and who made it. */
    record Accepted(NativeSocket socket, VsockAddress peer) {}

    /**
     * The next connection, waiting until one comes, the timeout passes, or the socket is closed.
     *
     * @param timeoutMillis zero or less waits for ever
     */
    Accepted accept(long timeoutMillis) throws IOException {
        NativeSocket.Accepted accepted = socket.accept(VsockAddress.SOCKADDR_SIZE, timeoutMillis);
        return new Accepted(accepted.socket(), VsockAddress.fromSockaddr(accepted.peer()));
    }

    /**
     * Connects within the timeout. The kernel has a connect timeout of its own (2 s unless set), which is set to the
     * same, so that it neither cuts a longer timeout short nor outlasts ours; with a zero timeout the kernel's
     * applies alone.
     */
    void connect(VsockAddress address, Duration timeout) throws IOException {
        long millis = timeout.isNegative() || timeout.isZero() ? 0 : NativeSocket.millis(timeout);
        if (millis > 0) {
            byte[] timeval = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder())
                    .putLong(millis / 1000).putLong((millis % 1000) * 1000).array();
            socket.setOption(VsockAddress.AF_VSOCK, SO_VM_SOCKETS_CONNECT_TIMEOUT, timeval, "connect timeout");
        }
        socket.connect(address.toSockaddr(), address.toString(), millis);
    }

    @Override
    public void close() {
        socket.close();
    }
}
