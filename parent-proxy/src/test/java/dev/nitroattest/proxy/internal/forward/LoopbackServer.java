package dev.nitroattest.proxy.internal.forward;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server on 127.0.0.1 for forwarder tests: it greets each connection with its name and a newline, then
 * echoes every byte until end of stream, then ends its side. It counts the connections it accepted.
 */
final class LoopbackServer implements AutoCloseable {
    private final String name;
    private final ServerSocket server;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;

    LoopbackServer(String name) throws IOException {
        this.name = name;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "loopback-" + name);
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The greeting it sends first. */
    String greeting() {
        return name + "\n";
    }

    int accepted() {
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
            out.write(greeting().getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
            }
            socket.shutdownOutput();
        } catch (IOException e) {
            // The peer went away; nothing to echo to.
        }
    }
}
