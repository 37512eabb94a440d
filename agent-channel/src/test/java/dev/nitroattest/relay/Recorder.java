package dev.nitroattest.relay;

import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** Records what a relay reports: events in order, to be awaited, and the bytes it counted. */
final class Recorder implements RelayObserver {
    final LongAdder toDestination = new LongAdder();
    final LongAdder fromDestination = new LongAdder();
    private final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();

    /** Waits for the next event that starts with {@code prefix}, passing over others; returns it. */
    String await(String prefix) throws InterruptedException {
        while (true) {
            String event = events.poll(30, TimeUnit.SECONDS);
            if (event == null) {
                throw new AssertionError("no \"" + prefix + "\" event within 30 s");
            }
            if (event.startsWith(prefix)) {
                return event;
            }
        }
    }

    @Override
    public void refusedAtLimit(String peer, int maxConnections) {
        events.add("refused " + peer + " at " + maxConnections);
    }

    @Override
    public void refusedPeer(String peer) {
        events.add("refused peer " + peer);
    }

    @Override
    public void destinationFailed(String peer, IOException failure) {
        events.add("destination failed " + peer + ": " + failure.getMessage());
    }

    @Override
    public void opened() {
        events.add("opened");
    }

    @Override
    public void idleClosed() {
        events.add("idle");
    }

    @Override
    public void closed() {
        events.add("closed");
    }

    @Override
    public void acceptFailed(IOException failure) {
        events.add("accept failed: " + failure.getMessage());
    }

    @Override
    public void stoppedBy(Throwable failure) {
        events.add("stopped by " + failure);
    }

    @Override
    public void toDestination(int bytes) {
        toDestination.add(bytes);
    }

    @Override
    public void fromDestination(int bytes) {
        fromDestination.add(bytes);
    }
}
