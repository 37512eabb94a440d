package dev.nitroattest.proxy;

import dev.nitroattest.relay.RelayLimits;
import java.time.Duration;
import java.util.List;

/**
 * The ingress: its listeners and their limits. Each listener is on loopback unless {@code nonLoopbackListeners} says
 * otherwise, like the forwarder's: a relying service on another machine reaches an ingress only when the operator
 * has said so by name ({@code --allow-non-loopback-ingress}).
 *
 * @param rules the listeners, each with its one enclave port (default none)
 * @param maxConnections connections relayed at once per listener; one more is accepted and closed at once (default
 *     256)
 * @param idleTimeout a relayed connection with no byte moving either way for this long is closed (default 5 min)
 * @param connectTimeout how long connecting to the enclave's port may take (default 5 s)
 * @param nonLoopbackListeners whether a listener may be on an address other than a loopback literal
 */
public record IngressSettings(List<IngressRule> rules, int maxConnections, Duration idleTimeout,
        Duration connectTimeout, boolean nonLoopbackListeners) {
    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Checks the limits, and that every listener is on loopback unless non-loopback listeners are allowed.
     *
     * @throws IllegalArgumentException with one sentence naming the option
     */
    public IngressSettings {
        rules = List.copyOf(rules);
        RelayLimits.requireConnectionLimit(maxConnections, "--ingress-max-connections");
        RelayLimits.requirePositive(idleTimeout, "--ingress-idle-timeout");
        RelayLimits.requirePositive(connectTimeout, "The ingress's connect timeout");
        for (IngressRule rule : rules) {
            if (!nonLoopbackListeners && !rule.listensOnLoopback()) {
                throw new IllegalArgumentException("--ingress " + rule + " listens on " + rule.listen().host()
                        + ", which is not a loopback address; listen on 127.0.0.1, or give "
                        + "--allow-non-loopback-ingress so that relying services on other machines reach it.");
            }
        }
    }

    /** No ingress. */
    public static IngressSettings none() {
        return of(List.of());
    }

    /** These listeners, on loopback, with the default limits. */
    public static IngressSettings of(List<IngressRule> rules) {
        return new IngressSettings(rules, DEFAULT_MAX_CONNECTIONS, DEFAULT_IDLE_TIMEOUT, DEFAULT_CONNECT_TIMEOUT,
                false);
    }

    /** The same listeners and limits, allowed off loopback. */
    public IngressSettings allowingNonLoopbackListeners() {
        return new IngressSettings(rules, maxConnections, idleTimeout, connectTimeout, true);
    }

    /** The relay's share of the limits. */
    public RelayLimits relayLimits() {
        return new RelayLimits(maxConnections, idleTimeout);
    }
}
