package dev.nitroattest.proxy.internal.metrics;

import dev.nitroattest.relay.RelayObserver;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The counters of one forwarder listener, counted as its relay reports what happens. */
public final class ForwardMetrics implements RelayObserver {
    private final String listener;
    private final LongAdder forwarded = new LongAdder();
    private final LongAdder refusedAtLimit = new LongAdder();
    private final LongAdder refusedPeers = new LongAdder();
    private final LongAdder destinationFailures = new LongAdder();
    private final LongAdder idleClosed = new LongAdder();
    private final LongAdder bytesToDestination = new LongAdder();
    private final LongAdder bytesFromDestination = new LongAdder();
    private final AtomicInteger active = new AtomicInteger();

    ForwardMetrics(String listener) {
        this.listener = listener;
    }

    /** A connection was accepted and its destination connected. */
    @Override
    public void opened() {
        forwarded.increment();
        active.incrementAndGet();
    }

    /** A forwarded connection ended. */
    @Override
    public void closed() {
        active.decrementAndGet();
    }

    /** A connection came over the limit and was closed at once. */
    @Override
    public void refusedAtLimit(String peer, int maxConnections) {
        refusedAtLimit.increment();
    }

    /** A connection came from a peer not allowed (a vsock CID not listed) and was closed at once. */
    @Override
    public void refusedPeer(String peer) {
        refusedPeers.increment();
    }

    /** The destination could not be reached (or resolved to a refused address); the connection was closed. */
    @Override
    public void destinationFailed(String peer, IOException failure) {
        destinationFailures.increment();
    }

    /** A forwarded connection was closed for being idle. */
    @Override
    public void idleClosed() {
        idleClosed.increment();
    }

    @Override
    public void toDestination(int bytes) {
        bytesToDestination.add(bytes);
    }

    @Override
    public void fromDestination(int bytes) {
        bytesFromDestination.add(bytes);
    }

    void writeConnections(PrometheusText text, String name) {
        String base = PrometheusText.label("listener", listener) + ",";
        text.sample(name, base + PrometheusText.label("outcome", "forwarded"), forwarded.sum());
        text.sample(name, base + PrometheusText.label("outcome", "refused_at_limit"), refusedAtLimit.sum());
        text.sample(name, base + PrometheusText.label("outcome", "refused_peer"), refusedPeers.sum());
        text.sample(name, base + PrometheusText.label("outcome", "destination_failed"), destinationFailures.sum());
    }

    void writeIdleClosed(PrometheusText text, String name) {
        text.sample(name, PrometheusText.label("listener", listener), idleClosed.sum());
    }

    void writeBytes(PrometheusText text, String name) {
        String base = PrometheusText.label("listener", listener) + ",";
        text.sample(name, base + PrometheusText.label("direction", "to_destination"), bytesToDestination.sum());
        text.sample(name, base + PrometheusText.label("direction", "from_destination"), bytesFromDestination.sum());
    }

    void writeActive(PrometheusText text, String name) {
        text.sample(name, PrometheusText.label("listener", listener), (long) active.get());
    }
}
