package dev.nitroattest.tools.load;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latencies of every client in fixed memory (10 µs buckets up to 2 s, allocated once), so that the heap the load
 * test reports is the proxy's, not a sample list growing with the run. Thread-safe.
 */
final class LatencyRecorder {
    private static final long BUCKET_NANOS = 10_000;
    private static final int BUCKETS = 200_000;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final LongAdder beyondRange = new LongAdder();
    private final LongAdder total = new LongAdder();
    private final LongAccumulator max = new LongAccumulator(Math::max, 0);

    void record(long nanos) {
        long bucket = nanos / BUCKET_NANOS;
        if (bucket < BUCKETS) {
            counts.incrementAndGet((int) bucket);
        } else {
            beyondRange.increment();
        }
        total.increment();
        max.accumulate(nanos);
    }

    long count() {
        return total.sum();
    }

    /** The nearest-rank percentile in milliseconds, to the bucket's upper bound (the maximum for 100). */
    double percentileMillis(double percentile) {
        long count = total.sum();
        if (count == 0) {
            return Double.NaN;
        }
        if (percentile >= 100) {
            return max.get() / 1e6;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100 * count));
        long seen = 0;
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            seen += counts.get(bucket);
            if (seen >= rank) {
                return Math.min(max.get(), (bucket + 1) * BUCKET_NANOS) / 1e6;
            }
        }
        return max.get() / 1e6;
    }
}
