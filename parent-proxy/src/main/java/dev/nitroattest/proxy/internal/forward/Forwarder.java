package dev.nitroattest.proxy.internal.forward;

import dev.nitroattest.proxy.ForwardAccess;
import dev.nitroattest.proxy.ForwardLimits;
import dev.nitroattest.proxy.ForwardRule;
import dev.nitroattest.proxy.internal.metrics.ForwardMetrics;
import dev.nitroattest.relay.Relay;
import dev.nitroattest.relay.RelayLimits;
import dev.nitroattest.relay.RelayLog;
import dev.nitroattest.text.LineLog;
import dev.nitroattest.vsock.ListenEndpoint;
import java.io.Closeable;
import java.io.IOException;

/**
 * One forwarder listener: accepts connections (from the enclave, over vsock) and copies each, raw, to the rule's one
 * destination, through agent-channel's {@link Relay}. What is the forwarder's own: the destination is reached only
 * at the addresses {@link DestinationConnector} allows, and what happens goes to the proxy's log and metrics.
 */
public final class Forwarder implements Closeable {
    private final Relay relay;

    private Forwarder(Relay relay) {
        this.relay = relay;
    }

    /**
     * Listens on the rule's endpoint and starts forwarding the connections {@code access} admits.
     *
     * @throws IllegalArgumentException if {@code access} does not allow the rule's listener
     * @throws IOException if the endpoint cannot be listened on
     */
    public static Forwarder start(ForwardRule rule, ForwardLimits limits, ForwardAccess access,
            ForwardMetrics metrics, LineLog log) throws IOException {
        access.check(rule);
        DestinationConnector connector = new DestinationConnector(rule.destination(), limits.connectTimeout());
        RelayLimits relayLimits = new RelayLimits(limits.maxConnections(), limits.idleTimeout());
        return new Forwarder(Relay.start("forward", rule.listen(), connector, relayLimits,
                new RelayLog("forward " + rule, log::line, metrics),
                connection -> access.admits(rule.listen(), connection)));
    }

    /** Where it listens, with the actual port. */
    public ListenEndpoint endpoint() {
        return relay.endpoint();
    }

    /** Stops accepting and closes every forwarded connection. */
    @Override
    public void close() {
        relay.close();
    }
}
