package dev.nitroattest.vsock;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

/** A listening TCP socket. */
final class TcpListener implements Listener {
    private final ServerSocket server;
    private final TcpEndpoint endpoint;
    private volatile boolean closed;

    TcpListener(ServerSocket server, TcpEndpoint endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    @Override
    public Connection accept() throws IOException {
        Socket socket;
        try {
            socket = server.accept();
        } catch (SocketException e) {
            if (closed) {
                throw new ListenerClosedException(endpoint.toString());
            }
            throw e;
        }
        return new TcpConnection(socket);
    }

    @Override
    public ListenEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // Closing a listening socket has nothing to flush; there is nothing left to do.
        }
    }
}
