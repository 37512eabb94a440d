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
        requireConnectionLimit(maxConnections, "A relay's connection limit");
        requirePositive(idleTimeout, "A relay's idle timeout");
    }

    /**
     * Checks a limit of connections at once, for this record and the settings built on it.
     *
     * @param name how the sentence names the limit: "A relay's connection limit", "--ingress-max-connections"
     * @throws IllegalArgumentException "NAME must be between 1 and 4096; N was given."
     */
    public static void requireConnectionLimit(int maxConnections, String name) {
        if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS_LIMIT) {
            throw new IllegalArgumentException(name + " must be between 1 and " + MAX_CONNECTIONS_LIMIT + "; "
                    + maxConnections + " was given.");
        }
    }

    /**
     * Checks a timeout, for this record and the settings built on it.
     *
     * @param name how the sentence names the timeout: "A relay's idle timeout", "--ingress-idle-timeout"
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException "NAME must be positive; D was given." for zero or less
     */
    public static void requirePositive(Duration timeout, String name) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(name + " must be positive; " + timeout + " was given.");
        }
    }
}
