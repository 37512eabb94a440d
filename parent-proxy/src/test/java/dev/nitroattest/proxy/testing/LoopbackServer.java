package dev.nitroattest.proxy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server on 127.0.0.1 for the forwarder's and the ingress's tests: it echoes every byte of each connection
 * until end of stream, then ends its side, and counts the connections it accepted. A named one first greets each
 * connection with its name and a newline, so that a test can tell which destination it reached.
 */
public final class LoopbackServer implements AutoCloseable {
    private final String name;
    private final boolean greets;
    private final ServerSocket server;
    private final AtomicInteger accepted = new AtomicInteger();

    private LoopbackServer(String name, boolean greets) throws IOException {
        this.name = name;
        this.greets = greets;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "loopback-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A server that greets each connection with {@link #greeting()}, then echoes. */
    public static LoopbackServer named(String name) throws IOException {
        return new LoopbackServer(name, true);
    }

    /** A server that only echoes; {@code name} names its threads. */
    public static LoopbackServer echoing(String name) throws IOException {
        return new LoopbackServer(name, false);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The greeting a greeting server sends first. */
    public String greeting() {
        return name + "\n";
    }

    public int accepted() {
        return accepted.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void acceptLoop() {
        while (true) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            Thread echo = new Thread(() -> echo(socket), "loopback-" + name + "-echo");
            echo.setDaemon(true);
            echo.start();
        }
    }

    private void echo(Socket socket) {
        try (socket) {
            OutputStream out = socket.getOutputStream();
            if (greets) {
                out.write(greeting().getBytes(StandardCharsets.US_ASCII));
            }
            InputStream in = socket.getInputStream();
            in.transferTo(out);
            socket.shutdownOutput();
        } catch (IOException e) {
            // The peer went away; nothing to echo to.
        }
    }
}
