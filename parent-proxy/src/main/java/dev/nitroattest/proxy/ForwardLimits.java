package dev.nitroattest.proxy;

import dev.nitroattest.relay.RelayLimits;
import java.time.Duration;

/**
 * Limits of every forwarder listener.
 *
 * @param maxConnections connections forwarded at once per listener; one more is accepted and closed at once
 *     (default 64)
 * @param idleTimeout a forwarded connection with no byte moving either way for this long is closed (default 5 min,
 *     longer than the keep-alive of the TLS clients an enclave usually runs)
 * @param connectTimeout how long connecting to the destination may take (default 5 s)
 */
public record ForwardLimits(int maxConnections, Duration idleTimeout, Duration connectTimeout) {
    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Each forwarded connection holds two threads; more than this would be a denial of service on the parent. */
    public static final int MAX_CONNECTIONS_LIMIT = RelayLimits.MAX_CONNECTIONS_LIMIT;

    public ForwardLimits {
        RelayLimits.requireConnectionLimit(maxConnections, "The forwarder's connection limit");
        RelayLimits.requirePositive(idleTimeout, "The forwarder's idle timeout");
        RelayLimits.requirePositive(connectTimeout, "The forwarder's connect timeout");
    }

    /** 64 connections, 5 minutes idle, 5 seconds to connect. */
    public static ForwardLimits defaults() {
        return new ForwardLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_IDLE_TIMEOUT, DEFAULT_CONNECT_TIMEOUT);
    }
}
