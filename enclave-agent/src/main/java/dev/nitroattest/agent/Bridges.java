package dev.nitroattest.agent;

import dev.nitroattest.relay.Relay;
import dev.nitroattest.relay.RelayLimits;
import dev.nitroattest.relay.RelayLog;
import dev.nitroattest.relay.RelayObserver;
import dev.nitroattest.text.LineLog;
import dev.nitroattest.vsock.ConnectEndpoint;
import dev.nitroattest.vsock.Connection;
import dev.nitroattest.vsock.TcpEndpoint;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The agent's bridges, each a {@link Relay} from a loopback TCP port to its destination: how an application in the
 * enclave, which has no network, reaches the parent's forwarder (and through it KMS). Nothing is read or changed on
 * the way, so TLS passes straight through. One line is logged for each connection refused or not relayed, never
 * anything it carries. If a bridge stops accepting for good, {@code onFailure} is told, so that the agent stops and
 * whatever supervises it can start it again, as when its own acceptor fails.
 */
public final class Bridges implements Closeable {
    /** How long reaching the parent may take; vsock to the parent connects at once or is refused. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final List<Relay> relays;
    private volatile Throwable failure;

    private Bridges(List<Relay> relays) {
        this.relays = relays;
    }

    /**
     * Starts one relay per rule.
     *
     * @param onFailure called once a bridge has stopped by itself
     * @throws IOException naming the bridge, if one cannot listen; none is left listening then
     */
    public static Bridges start(List<BridgeRule> rules, RelayLimits limits, LineLog log, Runnable onFailure)
            throws IOException {
        Bridges bridges = new Bridges(new ArrayList<>());
        RelayObserver stopWatch = new RelayObserver() {
            @Override
            public void stoppedBy(Throwable cause) {
                bridges.failure = cause;
                onFailure.run();
            }
        };
        try {
            for (BridgeRule rule : rules) {
                bridges.relays.add(start(rule, limits, new RelayLog("bridge " + rule, log::line, stopWatch)));
            }
        } catch (IOException e) {
            bridges.close();
            throw e;
        }
        return bridges;
    }

    /** Where the bridges listen, with the actual ports, in the order of the rules. */
    public List<String> endpoints() {
        return relays.stream().map(relay -> relay.endpoint().toString()).toList();
    }

    /** Why a bridge stopped by itself, if one did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Stops accepting and closes every bridged connection. */
    @Override
    public void close() {
        relays.forEach(Relay::close);
    }

    private static Relay start(BridgeRule rule, RelayLimits limits, RelayObserver observer) throws IOException {
        try {
            return Relay.start("bridge", rule.listen(), () -> connect(rule.destination()), limits, observer);
        } catch (IOException e) {
            throw new IOException("--bridge " + rule + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(ConnectEndpoint destination) throws IOException {
        try {
            return destination.connect(CONNECT_TIMEOUT);
        } catch (IOException e) {
            // vsock's failures name the address already; a TCP socket's do not.
            if (destination instanceof TcpEndpoint) {
                throw new IOException("Cannot connect to " + destination + ": " + e.getMessage() + ".", e);
            }
            throw e;
        }
    }
}
