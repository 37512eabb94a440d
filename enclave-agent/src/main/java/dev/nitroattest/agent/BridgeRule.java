package dev.nitroattest.agent;

import dev.nitroattest.vsock.ConnectEndpoint;
import dev.nitroattest.vsock.Endpoint;
import dev.nitroattest.vsock.TcpEndpoint;
import java.util.Objects;

/**
 * One bridge of the agent: a loopback TCP port inside the enclave whose every connection is copied, raw, to one
 * destination, normally a vsock port of the parent (where the proxy's forwarder takes it on to, say, KMS). Only
 * loopback: inside the enclave only the enclave's own applications should reach it.
 *
 * @param listen a loopback address (127.0.0.0/8 or ::1) and port
 * @param destination {@code vsock:CID:PORT}, or {@code tcp:HOST:PORT} for development and tests
 */
public record BridgeRule(TcpEndpoint listen, ConnectEndpoint destination) {
    private static final String EXAMPLE = "tcp:127.0.0.1:8443=vsock:3:8000";

    /**
     * Checks that both parts are there and that the bridge listens on a loopback literal, however it is made.
     *
     * @throws IllegalArgumentException if {@code listen} is not a loopback IP literal (127.0.0.0/8 or ::1)
     */
    public BridgeRule {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(destination, "destination");
        if (!listen.isLoopbackLiteral()) {
            throw new IllegalArgumentException("A bridge may not listen on " + listen + ", which is not a loopback "
                    + "address; listen on 127.0.0.1 so that only the enclave's own applications reach it.");
        }
    }

    /**
     * Parses {@code tcp:LOOPBACK:PORT=DESTINATION}.
     *
     * @throws IllegalArgumentException with one sentence, naming the option, saying what is wrong
     */
    public static BridgeRule parse(String text) {
        String quoted = "--bridge \"" + text + "\"";
        int equals = text.indexOf('=');
        if (equals <= 0 || equals != text.lastIndexOf('=')) {
            throw new IllegalArgumentException(quoted + " is not LISTEN=DESTINATION, e.g. " + EXAMPLE + ".");
        }
        Endpoint listen = endpoint(text.substring(0, equals));
        if (!(listen instanceof TcpEndpoint tcp)) {
            throw new IllegalArgumentException(quoted + " does not listen on TCP; a bridge listens on a loopback "
                    + "TCP port, e.g. " + EXAMPLE + ".");
        }
        if (!tcp.isLoopbackLiteral()) {
            throw new IllegalArgumentException(quoted + " listens on " + tcp.host() + ", which is not a loopback "
                    + "address; listen on 127.0.0.1 so that only the enclave's own applications reach the bridge.");
        }
        if (!(endpoint(text.substring(equals + 1)) instanceof ConnectEndpoint destination)) {
            throw new IllegalArgumentException(quoted + " has a destination to listen on; give vsock:CID:PORT (the "
                    + "parent instance is CID 3) or tcp:HOST:PORT.");
        }
        if (destination instanceof TcpEndpoint to && (to.port() == 0 || to.equals(tcp))) {
            throw new IllegalArgumentException(quoted + " leads to " + to + ", where nothing can answer; give the "
                    + "destination's own port.");
        }
        return new BridgeRule(tcp, destination);
    }

    @Override
    public String toString() {
        return listen + "=" + destination;
    }

    private static Endpoint endpoint(String text) {
        try {
            return Endpoint.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--bridge: " + e.getMessage(), e);
        }
    }
}
