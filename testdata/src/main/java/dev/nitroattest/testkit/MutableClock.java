package dev.nitroattest.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/** A UTC clock a test sets or moves by hand, for code that takes a {@link Clock}. Thread-safe. */
public final class MutableClock extends Clock {
    private volatile Instant now;

    /**
     * A clock showing {@code start} until moved.
     *
     * @param start the first instant it shows
     */
    public MutableClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /**
     * Shows this instant from now on.
     *
     * @param instant the new present
     */
    public synchronized void set(Instant instant) {
        now = Objects.requireNonNull(instant, "instant");
    }

    /**
     * Moves the clock forward (or back, for a negative duration).
     *
     * @param duration how far
     */
    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
