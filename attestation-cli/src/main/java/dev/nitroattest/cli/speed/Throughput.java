package dev.nitroattest.cli.speed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Repeats a task on several threads for a while and reports the operations per second, summed over the threads.
 * Each thread counts its own operations over its own elapsed time, so that threads starting a little apart do not
 * skew the figure.
 */
final class Throughput {
    private Throughput() {
    }

    /** Repeats the task for {@code duration} and forgets the figure: to let the JIT compiler do its work first. */
    static void warmUp(Task task, int threads, Duration duration) throws InterruptedException {
        perSecond(task, threads, duration);
    }

    /** Repeats the task for {@code duration}; returns operations per second. */
    static double perSecond(Task task, int threads, Duration duration) throws InterruptedException {
        double[] rates = new double[threads];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            int worker = i;
            Thread thread = new Thread(() -> {
                try {
                    rates[worker] = repeatOnThisThread(task, duration);
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
        double sum = 0;
        for (double rate : rates) {
            sum += rate;
        }
        return sum;
    }

    private static double repeatOnThisThread(Task task, Duration duration) throws Exception {
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
        return count * 1e9 / (now - start);
    }
}
