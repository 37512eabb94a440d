package dev.nitroattest.proxy.internal.metrics;

import java.util.concurrent.atomic.LongAdder;

/** A cumulative histogram of durations with fixed buckets, as Prometheus expects; lock-free. */
final class LatencyHistogram {
    /** Upper bounds in seconds: from a cached-chain verification (about a millisecond) to the request timeout. */
    static final double[] BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private final LongAdder[] counts = new LongAdder[BOUNDS.length + 1];
    private final LongAdder sumNanos = new LongAdder();

    LatencyHistogram() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void record(long nanos) {
        double seconds = nanos / 1e9;
        int bucket = 0;
        while (bucket < BOUNDS.length && seconds > BOUNDS[bucket]) {
            bucket++;
        }
        counts[bucket].increment();
        sumNanos.add(nanos);
    }

    /** Writes the _bucket, _sum and _count series under the given name and labels. */
    void writeTo(PrometheusText text, String name, String labels) {
        long cumulative = 0;
        for (int i = 0; i < counts.length; i++) {
            cumulative += counts[i].sum();
            String le = i < BOUNDS.length ? PrometheusText.number(BOUNDS[i]) : "+Inf";
            text.sample(name + "_bucket", labels + (labels.isEmpty() ? "" : ",") + "le=\"" + le + "\"", cumulative);
        }
        text.sample(name + "_sum", labels, sumNanos.sum() / 1e9);
        text.sample(name + "_count", labels, cumulative);
    }
}
