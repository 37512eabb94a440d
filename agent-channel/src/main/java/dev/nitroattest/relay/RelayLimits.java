package dev.nitroattest.relay;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of one relay.
 *
 * @param maxConnections connections relayed at once; one more is accepted and closed at once
 * @param idleTimeout a relayed connection with no byte moving either way for this long is closed
 */
public record RelayLimits(int maxConnections, Duration idleTimeout) {
    /** Each relayed connection holds two threads; more than this would be a denial of service on the host. */
    public static final int MAX_CONNECTIONS_LIMIT = 4096;

    /**
     * Checks the limits.
     *
     * @throws IllegalArgumentException naming the limit that is out of range
     */
    public RelayLimits {
        if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS_LIMIT) {
            throw new IllegalArgumentException("A relay's connection limit must be between 1 and "
                    + MAX_CONNECTIONS_LIMIT + "; " + maxConnections + " was given.");
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("A relay's idle timeout must be positive; " + idleTimeout
                    + " was given.");
        }
    }
}
