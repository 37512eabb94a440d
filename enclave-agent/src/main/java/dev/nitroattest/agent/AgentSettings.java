package dev.nitroattest.agent;

import dev.nitroattest.agent.protocol.AgentDefaults;
import java.time.Duration;
import java.util.Objects;

/**
 * The agent's limits.
 *
 * @param maxConnections connections served at once (default 64); when all are taken, a new connection is admitted by
 *     closing the one whose last complete exchange is oldest
 * @param idleTimeout how long a connection may stay silent between requests, and how long the agent waits for a
 *     client to take a response, before it closes the connection (default 30 s)
 * @param frameTimeout how long a request frame may take to arrive once its first byte has (default 5 s)
 */
public record AgentSettings(int maxConnections, Duration idleTimeout, Duration frameTimeout) {
    /** Connections served at once unless told otherwise. */
    public static final int DEFAULT_MAX_CONNECTIONS = AgentDefaults.MAX_CONNECTIONS;
    /** How long a silent connection is kept unless told otherwise. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /**
     * A request frame is at most 64 KiB and in practice well under 2 KiB: over vsock or a local network it arrives
     * in milliseconds, so 5 s is generous for a real client and short for one that holds a connection with a frame
     * it never finishes.
     */
    public static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofSeconds(5);
    /** More threads than this would only queue on the NSM, which serialises requests anyway. */
    public static final int MAX_CONNECTIONS_LIMIT = 4096;
    /**
     * No client needs a longer wait, and the cap keeps every conversion of a timeout to milliseconds or nanoseconds
     * far from overflow.
     */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    /**
     * Checks the limits.
     *
     * @throws IllegalArgumentException naming the limit that is out of range
     */
    public AgentSettings {
        if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS_LIMIT) {
            throw new IllegalArgumentException("The connection limit must be between 1 and " + MAX_CONNECTIONS_LIMIT
                    + "; " + maxConnections + " was given.");
        }
        checkTimeout(idleTimeout, "idle timeout");
        checkTimeout(frameTimeout, "frame timeout");
    }

    /** {@value #DEFAULT_MAX_CONNECTIONS} connections, 30 seconds idle, 5 seconds per frame. */
    public static AgentSettings defaults() {
        return new AgentSettings(DEFAULT_MAX_CONNECTIONS, DEFAULT_IDLE_TIMEOUT, DEFAULT_FRAME_TIMEOUT);
    }

    private static void checkTimeout(Duration timeout, String what) {
        Objects.requireNonNull(timeout, what);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The " + what + " must be positive; " + timeout + " was given.");
        }
        if (timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("The " + what + " must be at most 1 hour; " + timeout + " was given.");
        }
    }
}
