package dev.nitroattest.proxy;

import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.vsock.ConnectEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link ParentProxy} runs with. Build it with {@link #builder}, which asks first for the two things
 * that have no default: the enclave agent's endpoint and the verifier (its trust anchor and measurement policy).
 *
 * @param enclave where the enclave agent listens: {@code vsock:CID:PORT}, or {@code tcp:HOST:PORT} in development
 * @param http where the HTTP API listens (default {@code 127.0.0.1:8080}: this instance only)
 * @param verifier checks every document before it is served; shared by all requests
 * @param maxInFlight attestation requests served at once; one more is answered 503 at once (default 32). The proxy
 *     holds up to one agent connection more than this (the health check's), so with the agent's default limit of
 *     64 connections it should stay at most 63.
 * @param requestTimeout how long an attestation may take, from its arrival to its answer (connecting to the agent,
 *     the exchange and verification together), before the client gets 504 (default 10 s, at most 60 s)
 * @param maxHttpConnections HTTP connections open at once (default 256); past it the proxy stops accepting until one
 *     closes, and new connections wait in the kernel's backlog
 * @param forwards the forwarder's listeners, each with its one destination (default none)
 * @param forwardLimits limits of every forwarder listener
 * @param forwardAccess who may reach the forwarder's listeners (default: TCP listeners on loopback only, vsock
 *     connections from any CID)
 * @param ingress the ingress's listeners towards the enclave's application, and their limits (default none)
 */
public record ProxySettings(ConnectEndpoint enclave, HttpAddress http, AttestationVerifier verifier, int maxInFlight,
        Duration requestTimeout, int maxHttpConnections, List<ForwardRule> forwards, ForwardLimits forwardLimits,
        ForwardAccess forwardAccess, IngressSettings ingress) {
    public static final HttpAddress DEFAULT_HTTP = new HttpAddress("127.0.0.1", 8080);
    public static final int DEFAULT_MAX_IN_FLIGHT = 32;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Each request in flight holds a worker thread and an agent connection. The NSM serialises requests, so more
     * concurrency only lengthens the queue; 1024 is far past any useful value and still a bounded number of threads.
     */
    public static final int MAX_IN_FLIGHT_LIMIT = 1024;
    /**
     * Every HTTP connection holds a socket and buffers, whether it sends anything or not; without a cap, a client
     * opening connections and sending nothing would exhaust the proxy's file descriptors.
     */
    public static final int DEFAULT_MAX_HTTP_CONNECTIONS = 256;
    /** Well past what the in-flight limit can use, and well under a process's usual file-descriptor limit. */
    public static final int MAX_HTTP_CONNECTIONS_LIMIT = 16_384;
    /**
     * An attestation takes well under a second on a real NSM; a minute is already a client left waiting on a broken
     * enclave. The cap also keeps the HTTP connections' idle timeout, which must outlast it, reasonable.
     */
    public static final Duration MAX_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    public ProxySettings {
        Objects.requireNonNull(enclave, "enclave");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(verifier, "verifier");
        if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT_LIMIT) {
            throw new IllegalArgumentException("--max-in-flight must be between 1 and " + MAX_IN_FLIGHT_LIMIT + "; "
                    + maxInFlight + " was given.");
        }
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("--request-timeout must be positive; " + requestTimeout
                    + " was given.");
        }
        if (requestTimeout.compareTo(MAX_REQUEST_TIMEOUT) > 0) {
            throw new IllegalArgumentException("--request-timeout must be at most " + MAX_REQUEST_TIMEOUT.toSeconds()
                    + " s; " + requestTimeout.toMillis() + " ms was given.");
        }
        if (maxHttpConnections < 1 || maxHttpConnections > MAX_HTTP_CONNECTIONS_LIMIT) {
            throw new IllegalArgumentException("--max-http-connections must be between 1 and "
                    + MAX_HTTP_CONNECTIONS_LIMIT + "; " + maxHttpConnections + " was given.");
        }
        forwards = List.copyOf(forwards);
        Objects.requireNonNull(forwardLimits, "forwardLimits");
        Objects.requireNonNull(forwardAccess, "forwardAccess");
        forwards.forEach(forwardAccess::check);
        Objects.requireNonNull(ingress, "ingress");
    }

    /** Starts settings for this enclave agent and verifier; every other setting has a default. */
    public static Builder builder(ConnectEndpoint enclave, AttestationVerifier verifier) {
        return new Builder(enclave, verifier);
    }

    /** The optional settings, each with the default documented on {@link ProxySettings}. */
    public static final class Builder {
        private final ConnectEndpoint enclave;
        private final AttestationVerifier verifier;
        private HttpAddress http = DEFAULT_HTTP;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private int maxHttpConnections = DEFAULT_MAX_HTTP_CONNECTIONS;
        private final List<ForwardRule> forwards = new ArrayList<>();
        private ForwardLimits forwardLimits = ForwardLimits.defaults();
        private ForwardAccess forwardAccess = ForwardAccess.defaults();
        private IngressSettings ingress = IngressSettings.none();

        private Builder(ConnectEndpoint enclave, AttestationVerifier verifier) {
            this.enclave = Objects.requireNonNull(enclave, "enclave");
            this.verifier = Objects.requireNonNull(verifier, "verifier");
        }

        public Builder http(HttpAddress address) {
            this.http = Objects.requireNonNull(address, "address");
            return this;
        }

        public Builder maxInFlight(int requests) {
            this.maxInFlight = requests;
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder maxHttpConnections(int connections) {
            this.maxHttpConnections = connections;
            return this;
        }

        /** Adds a forwarder listener. */
        public Builder forward(ForwardRule rule) {
            forwards.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        public Builder forwardLimits(ForwardLimits limits) {
            this.forwardLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Who may reach the forwarder's listeners. */
        public Builder forwardAccess(ForwardAccess access) {
            this.forwardAccess = Objects.requireNonNull(access, "access");
            return this;
        }

        /** The ingress's listeners and limits. */
        public Builder ingress(IngressSettings settings) {
            this.ingress = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * @throws IllegalArgumentException if a limit is out of range, or a forwarder listens on TCP off loopback
         *     without {@link ForwardAccess#nonLoopbackListeners}, with one sentence naming the option
         */
        public ProxySettings build() {
            return new ProxySettings(enclave, http, verifier, maxInFlight, requestTimeout, maxHttpConnections,
                    forwards, forwardLimits, forwardAccess, ingress);
        }
    }
}
