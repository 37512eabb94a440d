package dev.nitroattest.relay;

import java.io.IOException;

/**
 * What a relay tells its owner, for log lines and counters; it never sees the bytes. Calls come from the relay's
 * threads, several at once, and must not block. Every method does nothing unless overridden.
 */
public interface RelayObserver {

    /** Observes nothing. */
    RelayObserver NONE = new RelayObserver() { };

    /** A connection came while {@code maxConnections} were open; it was closed at once. */
    default void refusedAtLimit(String peer, int maxConnections) {
    }

    /** A connection from a peer the relay does not admit (say, a vsock CID not allowed); it was closed at once. */
    default void refusedPeer(String peer) {
    }

    /** The destination could not be reached for the connection from {@code peer}: it was closed, its slot is free. */
    default void destinationFailed(String peer, IOException failure) {
    }

    /** A connection was accepted and its destination connected. */
    default void opened() {
    }

    /** A relayed connection was closed for being idle; {@link #closed()} follows. */
    default void idleClosed() {
    }

    /** A relayed connection ended: both sides are closed and its slot is free. */
    default void closed() {
    }

    /** Bytes written to the destination. */
    default void toDestination(int bytes) {
    }

    /** Bytes written back to the accepted connection. */
    default void fromDestination(int bytes) {
    }

    /** Accepting failed and will be retried after a pause. */
    default void acceptFailed(IOException failure) {
    }

    /** Accepting failed for good; the relay has closed itself and relays nothing any more. */
    default void stoppedBy(Throwable failure) {
    }
}
