package dev.nitroattest.proxy.internal.metrics;

import dev.nitroattest.agent.protocol.AgentErrorCode;
import dev.nitroattest.attestation.RejectionReason;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * Every metric the proxy exposes on {@code /metrics}. Thread-safe and lock-free on the recording side; every
 * reason, code and kind is listed from the start at zero, so that a rate can be computed before the first failure.
 */
public final class ProxyMetrics {
    private static final String PREFIX = "nitroattest_proxy_";

    /** The status label of a request that got no complete answer. */
    public static final String ABORTED = "aborted";

    private final ConcurrentMap<String, ConcurrentMap<String, LongAdder>> requests = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LatencyHistogram> latencies = new ConcurrentHashMap<>();
    private final Map<RejectionReason, LongAdder> verificationFailures = new EnumMap<>(RejectionReason.class);
    private final Map<AgentErrorCode, LongAdder> enclaveErrors = new EnumMap<>(AgentErrorCode.class);
    private final Map<ConnectionErrorKind, LongAdder> connectionErrors = new EnumMap<>(ConnectionErrorKind.class);
    private final CopyOnWriteArrayList<ForwardMetrics> forwarders = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<ForwardMetrics> ingresses = new CopyOnWriteArrayList<>();
    private volatile IntSupplier inFlight = () -> 0;

    public ProxyMetrics() {
        for (RejectionReason reason : RejectionReason.values()) {
            verificationFailures.put(reason, new LongAdder());
        }
        for (AgentErrorCode code : AgentErrorCode.values()) {
            enclaveErrors.put(code, new LongAdder());
        }
        for (ConnectionErrorKind kind : ConnectionErrorKind.values()) {
            connectionErrors.put(kind, new LongAdder());
        }
    }

    /** One answered HTTP request. */
    public void request(String endpoint, int status, long nanos) {
        count(endpoint, Integer.toString(status), nanos);
    }

    /** One HTTP request whose answer could not be written, or that broke off before it was answered. */
    public void abortedRequest(String endpoint, long nanos) {
        count(endpoint, ABORTED, nanos);
    }

    private void count(String endpoint, String status, long nanos) {
        requests.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, s -> new LongAdder()).increment();
        latencies.computeIfAbsent(endpoint, e -> new LatencyHistogram()).record(nanos);
    }

    public void verificationFailure(RejectionReason reason) {
        verificationFailures.get(reason).increment();
    }

    public void enclaveError(AgentErrorCode code) {
        enclaveErrors.get(code).increment();
    }

    public void connectionError(ConnectionErrorKind kind) {
        connectionErrors.get(kind).increment();
    }

    /** Where the in-flight gauge reads from. */
    public void inFlight(IntSupplier source) {
        this.inFlight = source;
    }

    /** Registers a forwarder listener and returns its counters. */
    public ForwardMetrics forwarder(String listener) {
        ForwardMetrics metrics = new ForwardMetrics(listener);
        forwarders.add(metrics);
        return metrics;
    }

    /** Registers an ingress listener and returns its counters: a relay's, as a forwarder's are. */
    public ForwardMetrics ingress(String listener) {
        ForwardMetrics metrics = new ForwardMetrics(listener);
        ingresses.add(metrics);
        return metrics;
    }

    /** The Prometheus text exposition, served with {@link #contentType()}. */
    public String render() {
        PrometheusText text = new PrometheusText();
        text.family(PREFIX + "requests_total", "counter",
                "HTTP requests, by endpoint and status (aborted: no complete answer).");
        new TreeMap<>(requests).forEach((endpoint, byStatus) -> new TreeMap<>(byStatus).forEach((status, count) ->
                text.sample(PREFIX + "requests_total", PrometheusText.label("endpoint", endpoint) + ","
                        + PrometheusText.label("status", status), count.sum())));

        text.family(PREFIX + "request_duration_seconds", "histogram",
                "Time from a request's arrival to its answer, by endpoint.");
        new TreeMap<>(latencies).forEach((endpoint, histogram) -> histogram.writeTo(text,
                PREFIX + "request_duration_seconds", PrometheusText.label("endpoint", endpoint)));

        text.family(PREFIX + "verification_failures_total", "counter",
                "Documents from the enclave that failed verification, by rejection reason.");
        verificationFailures.forEach((reason, count) -> text.sample(PREFIX + "verification_failures_total",
                PrometheusText.label("reason", reason.name()), count.sum()));

        text.family(PREFIX + "enclave_errors_total", "counter", "Error answers from the enclave agent, by code.");
        enclaveErrors.forEach((code, count) -> text.sample(PREFIX + "enclave_errors_total",
                PrometheusText.label("code", code.name()), count.sum()));

        text.family(PREFIX + "enclave_connection_errors_total", "counter",
                "Failures to connect to or exchange with the enclave agent, by kind.");
        connectionErrors.forEach((kind, count) -> text.sample(PREFIX + "enclave_connection_errors_total",
                PrometheusText.label("kind", kind.label()), count.sum()));

        text.family(PREFIX + "in_flight", "gauge", "Attestation requests being served now.");
        text.sample(PREFIX + "in_flight", "", (long) inFlight.getAsInt());

        relayFamilies(text, "forward", forwarders, "Connections accepted by a forwarder listener, by outcome.",
                "Forwarded connections closed for being idle.", "Bytes copied by a forwarder, by direction.",
                "Connections being forwarded now.");
        relayFamilies(text, "ingress", ingresses,
                "Connections accepted by an ingress listener, by outcome (forwarded: relayed to the enclave).",
                "Ingress connections closed for being idle.",
                "Bytes copied by an ingress, by direction (to_destination: towards the enclave).",
                "Connections being relayed to the enclave now.");
        return text.toString();
    }

    /** The four families of one kind of relay (forwarders or ingresses), written only when there is one. */
    private static void relayFamilies(PrometheusText text, String kind, List<ForwardMetrics> relays,
            String connectionsHelp, String idleHelp, String bytesHelp, String activeHelp) {
        if (relays.isEmpty()) {
            return;
        }
        String prefix = PREFIX + kind;
        text.family(prefix + "_connections_total", "counter", connectionsHelp);
        relays.forEach(r -> r.writeConnections(text, prefix + "_connections_total"));
        text.family(prefix + "_idle_closed_total", "counter", idleHelp);
        relays.forEach(r -> r.writeIdleClosed(text, prefix + "_idle_closed_total"));
        text.family(prefix + "_bytes_total", "counter", bytesHelp);
        relays.forEach(r -> r.writeBytes(text, prefix + "_bytes_total"));
        text.family(prefix + "_active", "gauge", activeHelp);
        relays.forEach(r -> r.writeActive(text, prefix + "_active"));
    }

    /** The content type of {@link #render()}. */
    public static String contentType() {
        return PrometheusText.CONTENT_TYPE;
    }
}
