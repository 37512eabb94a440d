package dev.nitroattest.cli.speed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Repeats a task on several threads for a while and counts the operations and the time they took. Each thread counts
 * its own operations over its own elapsed time, so that threads starting a little apart do not skew the figure.
 */
final class Throughput {
    private Throughput() {
    }

    /**
     * Operations done and time spent, per thread, summed over the slices of one operation's measurement.
     * Operations per second is the sum over threads of each thread's count over its time.
     */
    static final class Tally {
        private final long[] counts;
        private final long[] nanos;

        Tally(int threads) {
            counts = new long[threads];
            nanos = new long[threads];
        }

        double perSecond() {
            double sum = 0;
            for (int i = 0; i < counts.length; i++) {
                sum += nanos[i] == 0 ? 0 : counts[i] * 1e9 / nanos[i];
            }
            return sum;
        }

        private void add(int thread, long count, long elapsed) {
            counts[thread] += count;
            nanos[thread] += elapsed;
        }
    }

    /** Repeats the task for {@code duration} on {@code tally}'s threads, adding what was done to it. */
    static void measure(Task task, Duration duration, Tally tally) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>(tally.counts.length);
        for (int i = 0; i < tally.counts.length; i++) {
            int worker = i;
            Thread thread = new Thread(() -> {
                try {
                    repeatOnThisThread(task, duration, tally, worker);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "speed-" + i);
            workers.add(thread);
        }
        workers.forEach(Thread::start);
        for (Thread thread : workers) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a measured operation failed", failure.get());
        }
    }

    private static void repeatOnThisThread(Task task, Duration duration, Tally tally, int worker) throws Exception {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        long count = 0;
        long now;
        do {
            if (task.run() == null) {
                throw new IllegalStateException("a measured operation returned nothing");
            }
            count++;
            now = System.nanoTime();
        } while (now < deadline);
        tally.add(worker, count, now - start);
    }
}
