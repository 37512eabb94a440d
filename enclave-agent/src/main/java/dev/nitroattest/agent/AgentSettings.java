package dev.nitroattest.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * The agent's limits.
 *
 * @param maxConnections connections served at once; more are closed at once without an answer (default 64)
 * @param idleTimeout how long a connection may wait between requests, and how long one request frame may take to
 *     arrive once it has started, before the agent closes the connection (default 30 s)
 */
public record AgentSettings(int maxConnections, Duration idleTimeout) {
    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** More threads than this would only queue on the NSM, which serialises requests anyway. */
    public static final int MAX_CONNECTIONS_LIMIT = 4096;

    public AgentSettings {
        if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS_LIMIT) {
            throw new IllegalArgumentException("The connection limit must be between 1 and " + MAX_CONNECTIONS_LIMIT
                    + "; " + maxConnections + " was given.");
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("The idle timeout must be positive; " + idleTimeout + " was given.");
        }
    }

    /** {@value #DEFAULT_MAX_CONNECTIONS} connections, 30 seconds idle. */
    public static AgentSettings defaults() {
        return new AgentSettings(DEFAULT_MAX_CONNECTIONS, DEFAULT_IDLE_TIMEOUT);
    }
}
