package dev.nitroattest.vsock;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/** A TCP host and port, for development and tests: the same servers and clients as over vsock. */
public record TcpEndpoint(String host, int port) implements ListenEndpoint, ConnectEndpoint {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /**
     * Checks the host and port.
     *
     * @throws IllegalArgumentException for a port outside 0..65535
     */
    public TcpEndpoint {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("TCP ports go from 0 to 65535; " + port + " was given.");
        }
    }

    @Override
    public Listener listen(int backlog) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.bind(new InetSocketAddress(InetAddress.getByName(host), port), backlog);
        } catch (IOException e) {
            server.close();
            throw new IOException("Cannot listen on " + this + ": " + e.getMessage() + ".", e);
        }
        return new TcpListener(server, new TcpEndpoint(host, server.getLocalPort()));
    }

    @Override
    public Connection connect(Duration timeout) throws IOException {
        return connect(InetAddress.getByName(host), port, timeout);
    }

    /**
     * Connects to this very address, with no name or text in between: whoever checked the address connects to the
     * address checked.
     *
     * @param address the address to connect to, as resolved or parsed
     * @param port the TCP port, 1 to 65535
     * @param timeout how long connecting may take; zero waits for ever
     * @return the connection
     * @throws IOException if the connection cannot be made
     */
    public static Connection connect(InetAddress address, int port, Duration timeout) throws IOException {
        Objects.requireNonNull(address, "address");
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address, port), Math.toIntExact(
                    Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            return new TcpConnection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Whether the host is a loopback IP literal (127.0.0.0/8 or ::1), checked without any lookup. A name, even
     * {@code localhost}, is not: what it resolves to can change.
     *
     * @return true only for a loopback literal
     */
    public boolean isLoopbackLiteral() {
        boolean v4 = IPV4.matcher(host).matches();
        if (!host.contains(":") && !v4) {
            return false;
        }
        // A dotted quad with a part over 255 is no literal, and InetAddress would look it up as a name.
        if (v4 && Arrays.stream(host.split("\\.")).anyMatch(part -> Integer.parseInt(part) > 255)) {
            return false;
        }
        try {
            // A literal: parsed, never looked up.
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** {@code tcp:HOST:PORT}, with brackets around an IPv6 host. */
    @Override
    public String toString() {
        return "tcp:" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
