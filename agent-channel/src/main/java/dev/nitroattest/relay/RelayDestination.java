package dev.nitroattest.relay;

import dev.nitroattest.vsock.Connection;
import java.io.IOException;

/**
 * The one place a relay's connections go, connected anew for each accepted connection. The relay never lets a
 * connection choose: whatever it sends is payload.
 */
@FunctionalInterface
public interface RelayDestination {

    /**
     * A new connection to the destination.
     *
     * @throws IOException with a message fit for a log line, if it cannot be reached
     */
    Connection connect() throws IOException;
}
