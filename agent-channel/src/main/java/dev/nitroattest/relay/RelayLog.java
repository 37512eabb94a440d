package dev.nitroattest.relay;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A relay's log: one line for each connection it refused or could not relay, and for each failed accept, never
 * anything of what a connection carries. Every event then goes on to {@code counters}, so that one observer can
 * both log and count.
 *
 * @param label starts each line, e.g. {@code forward vsock:8000=kms.us-east-1.amazonaws.com:443}
 * @param lines takes each line; it escapes what could break one
 * @param counters gets every event after the line is written ({@link RelayObserver#NONE} for none)
 */
public record RelayLog(String label, Consumer<String> lines, RelayObserver counters) implements RelayObserver {

    /** Checks that every part is there. */
    public RelayLog {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(counters, "counters");
    }

    @Override
    public void refusedAtLimit(String peer, int maxConnections) {
        lines.accept(label + ": refused a connection from " + peer + ": " + maxConnections
                + " connections are open already");
        counters.refusedAtLimit(peer, maxConnections);
    }

    @Override
    public void refusedPeer(String peer) {
        lines.accept(label + ": refused a connection from " + peer + ", which is not an allowed peer");
        counters.refusedPeer(peer);
    }

    @Override
    public void destinationFailed(String peer, IOException failure) {
        lines.accept(label + ": closed the connection from " + peer + ": " + failure.getMessage());
        counters.destinationFailed(peer, failure);
    }

    @Override
    public void acceptFailed(IOException failure) {
        lines.accept(label + ": accept failed: " + failure.getMessage());
        counters.acceptFailed(failure);
    }

    @Override
    public void stoppedBy(Throwable failure) {
        lines.accept(label + ": stopped: accepting connections failed: " + failure);
        counters.stoppedBy(failure);
    }

    @Override
    public void opened() {
        counters.opened();
    }

    @Override
    public void idleClosed() {
        counters.idleClosed();
    }

    @Override
    public void closed() {
        counters.closed();
    }

    @Override
    public void toDestination(int bytes) {
        counters.toDestination(bytes);
    }

    @Override
    public void fromDestination(int bytes) {
        counters.fromDestination(bytes);
    }
}
