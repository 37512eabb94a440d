package dev.nitroattest.proxy.internal.enclave;

import java.time.Duration;

/**
 * The instant by which a request must be done, fixed when it arrives: connecting, a retry on a new connection and
 * the whole exchange all count against it, so that no part of the work can restart the clock.
 *
 * @param atNanos the deadline, on the {@link System#nanoTime()} scale
 * @param timeout the duration it was set from, for messages
 */
record Deadline(long atNanos, Duration timeout) {

    static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos(), timeout);
    }

    /** What is left; zero or negative once passed. */
    long remainingNanos() {
        return atNanos - System.nanoTime();
    }

    boolean passed() {
        return remainingNanos() <= 0;
    }
}
