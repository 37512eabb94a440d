package dev.nitroattest.proxy.internal.ingress;

import dev.nitroattest.proxy.IngressRule;
import dev.nitroattest.proxy.IngressSettings;
import dev.nitroattest.proxy.internal.metrics.ForwardMetrics;
import dev.nitroattest.relay.Relay;
import dev.nitroattest.relay.RelayLog;
import dev.nitroattest.text.LineLog;
import dev.nitroattest.vsock.Connection;
import dev.nitroattest.vsock.ListenEndpoint;
import java.io.Closeable;
import java.io.IOException;

/**
 * One ingress listener: accepts relying services' connections on the parent and copies each, raw, to the enclave's
 * port through agent-channel's {@link Relay}. Nothing is parsed: a TLS handshake passes through as bytes, so only
 * the enclave application, holding the key, can complete it.
 */
public final class Ingress implements Closeable {
    private final Relay relay;

    private Ingress(Relay relay) {
        this.relay = relay;
    }

    /**
     * Listens on the rule's TCP endpoint and starts relaying to the enclave.
     *
     * @throws IOException if the endpoint cannot be listened on
     */
    public static Ingress start(IngressRule rule, IngressSettings settings, ForwardMetrics metrics, LineLog log)
            throws IOException {
        return new Ingress(Relay.start("ingress", rule.listen(), () -> connect(rule, settings),
                settings.relayLimits(), new RelayLog("ingress " + rule, log::line, metrics)));
    }

    private static Connection connect(IngressRule rule, IngressSettings settings) throws IOException {
        try {
            return rule.enclave().connect(settings.connectTimeout());
        } catch (IOException e) {
            throw new IOException("Cannot connect to the enclave at " + rule.enclave() + ": " + (e.getMessage() != null
                    ? e.getMessage() : e.getClass().getSimpleName()), e);
        }
    }

    /** Where it listens, with the actual port. */
    public ListenEndpoint endpoint() {
        return relay.endpoint();
    }

    /** Stops accepting and closes every relayed connection. */
    @Override
    public void close() {
        relay.close();
    }
}
