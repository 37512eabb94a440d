package dev.nitroattest.proxy;

import dev.nitroattest.vsock.ListenEndpoint;
import java.util.Objects;

/**
 * One forwarder: where it listens (a vsock port on the parent, or TCP in development) and the single destination
 * every connection accepted there is copied to. The byte stream carries no address, so a connection can never
 * choose its destination: the listener it reaches decides, and each listener has exactly one.
 */
public record ForwardRule(ListenEndpoint listen, ForwardDestination destination) {

    public ForwardRule {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(destination, "destination");
    }

    /**
     * Parses {@code LISTEN=HOST:PORT}, where LISTEN is {@code vsock:PORT} or {@code tcp:HOST:PORT}.
     *
     * @throws IllegalArgumentException with one sentence saying what is wrong
     */
    public static ForwardRule parse(String text) {
        int equals = text.indexOf('=');
        if (equals <= 0 || equals != text.lastIndexOf('=')) {
            throw new IllegalArgumentException("\"" + text + "\" is not LISTEN=HOST:PORT, e.g. "
                    + "vsock:8000=kms.us-east-1.amazonaws.com:443.");
        }
        ListenEndpoint listen = ListenEndpoint.parse(text.substring(0, equals));
        return new ForwardRule(listen, ForwardDestination.parse(text.substring(equals + 1)));
    }

    @Override
    public String toString() {
        return listen + "=" + destination;
    }
}
