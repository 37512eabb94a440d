package dev.nitroattest.vsock;

import java.io.IOException;
import java.time.Duration;

/** An endpoint a client can connect to: {@code vsock:CID:PORT} or {@code tcp:HOST:PORT}. */
public sealed interface ConnectEndpoint extends Endpoint permits TcpEndpoint, VsockConnectEndpoint {

    /**
     * Parses an endpoint to connect to.
     *
     * @throws IllegalArgumentException if the text is not one, e.g. {@code vsock:5000}, which is for listening
     */
    static ConnectEndpoint parse(String text) {
        if (EndpointParser.parse(text) instanceof ConnectEndpoint endpoint) {
            return endpoint;
        }
        throw new IllegalArgumentException("\"" + text + "\" is an address to listen on; to connect over vsock give "
                + "vsock:CID:PORT (the parent instance is CID 3).");
    }

    /**
     * Connects, waiting at most the timeout.
     *
     * @throws java.net.SocketTimeoutException if the connection is not made in time
     */
    Connection connect(Duration timeout) throws IOException;
}
