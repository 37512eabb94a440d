package dev.nitroattest.vsock;

import java.io.IOException;
import java.net.SocketException;

/** A listening vsock socket. */
final class VsockListener implements Listener {
    private final VsockSocket socket;
    private final VsockListenEndpoint endpoint;
    private volatile boolean closed;

    VsockListener(VsockSocket socket, VsockListenEndpoint endpoint) {
        this.socket = socket;
        this.endpoint = endpoint;
    }

    @Override
    public Connection accept() throws IOException {
        try {
            VsockSocket.Accepted accepted = socket.accept(0);
            return new NativeConnection(accepted.socket(), "vsock:" + accepted.peer(), accepted.peer());
        } catch (SocketException e) {
            if (closed) {
                throw new ListenerClosedException(endpoint.toString());
            }
            throw e;
        }
    }

    @Override
    public ListenEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
    }
}
