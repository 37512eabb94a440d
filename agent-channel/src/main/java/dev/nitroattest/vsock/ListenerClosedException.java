package dev.nitroattest.vsock;

import java.net.SocketException;

/** accept() was called on, or was waiting in, a listener that has been closed. */
public final class ListenerClosedException extends SocketException {
    private static final long serialVersionUID = 1L;

    /**
     * The listener was closed.
     *
     * @param endpoint the endpoint it listened on
     */
    public ListenerClosedException(String endpoint) {
        super("The listener on " + endpoint + " is closed.");
    }
}
