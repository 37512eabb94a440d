package dev.nitroattest.vsock;

import java.io.IOException;

/** An endpoint a server can listen on: {@code vsock:PORT} or {@code tcp:HOST:PORT}. */
public sealed interface ListenEndpoint extends Endpoint permits TcpEndpoint, VsockListenEndpoint {

    /**
     * Parses an endpoint to listen on.
     *
     * @throws IllegalArgumentException if the text is not one, e.g. {@code vsock:3:9000}, which is for connecting
     */
    static ListenEndpoint parse(String text) {
        if (EndpointParser.parse(text) instanceof ListenEndpoint endpoint) {
            return endpoint;
        }
        throw new IllegalArgumentException("\"" + text + "\" is an address to connect to; to listen on vsock give "
                + "vsock:PORT (any CID).");
    }

    /**
     * Binds and listens.
     *
     * @param backlog how many connections the kernel queues before they are accepted
     */
    Listener listen(int backlog) throws IOException;
}
