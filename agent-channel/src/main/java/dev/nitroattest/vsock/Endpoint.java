package dev.nitroattest.vsock;

/**
 * Where to listen or connect: {@code vsock:PORT} listens on any CID, {@code vsock:CID:PORT} connects, and
 * {@code tcp:HOST:PORT} does either (IPv6 hosts in brackets: {@code tcp:[::1]:5000}).
 */
public sealed interface Endpoint permits ListenEndpoint, ConnectEndpoint {

    /**
     * Parses any endpoint.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong with the text
     */
    static Endpoint parse(String text) {
        return EndpointParser.parse(text);
    }
}
