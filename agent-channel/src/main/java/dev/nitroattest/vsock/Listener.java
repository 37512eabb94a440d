package dev.nitroattest.vsock;

import java.io.Closeable;
import java.io.IOException;

/** A listening socket that hands out connections. Thread-safe: close() may be called while accept() waits. */
public interface Listener extends Closeable {

    /**
     * Waits for the next connection.
     *
     * @throws ListenerClosedException once the listener is closed, including when it is closed while waiting
     */
    Connection accept() throws IOException;

    /** Where it actually listens (with the port the kernel picked, if it was asked to pick one). */
    ListenEndpoint endpoint();

    /** Stops listening; a waiting accept() ends with {@link ListenerClosedException}. */
    @Override
    void close();
}
