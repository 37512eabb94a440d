package dev.nitroattest.relay;

import dev.nitroattest.vsock.AcceptLoop;
import dev.nitroattest.vsock.Connection;
import dev.nitroattest.vsock.Listener;
import dev.nitroattest.vsock.TcpEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A relay's destination in tests, on 127.0.0.1: echoes every byte of each connection; at end of stream it answers
 * {@link #FAREWELL} on its still open side, so that a test sees the half-close go through, then ends. It reports
 * each connection's end, and can be made to write for ever without reading instead.
 */
final class EchoServer implements AutoCloseable {
    static final String FAREWELL = "bye\n";

    private final Listener listener;
    private final boolean flood;
    private final AtomicInteger accepted = new AtomicInteger();
    private final LinkedBlockingQueue<String> ended = new LinkedBlockingQueue<>();

    /** @param flood write for ever and never read, instead of echoing */
    EchoServer(boolean flood) throws IOException {
        this.listener = new TcpEndpoint("127.0.0.1", 0).listen(16);
        this.flood = flood;
        Thread acceptor = new Thread(() -> AcceptLoop.run(listener, () -> false, new AcceptLoop.Handler() {
            @Override
            public void accepted(Connection connection) {
                accepted.incrementAndGet();
                Thread serving = new Thread(() -> ended.add(serve(connection)), "echo-connection");
                serving.setDaemon(true);
                serving.start();
            }

            @Override
            public void acceptFailed(IOException failure) {
                ended.add("accept failed: " + failure.getMessage());
            }

            @Override
            public void stoppedBy(Throwable failure) {
                ended.add("stopped by " + failure);
            }
        }), "echo-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Where a relay should connect. */
    RelayDestination destination() {
        TcpEndpoint endpoint = (TcpEndpoint) listener.endpoint();
        return () -> endpoint.connect(Duration.ofSeconds(5));
    }

    int acceptedCount() {
        return accepted.get();
    }

    /** Waits until a connection has ended on this side, and says how: "echoed", "failed" or "flooded". */
    String awaitEnd() throws InterruptedException {
        String how = ended.poll(30, TimeUnit.SECONDS);
        if (how == null) {
            throw new AssertionError("no destination connection ended within 30 s");
        }
        return how;
    }

    @Override
    public void close() {
        listener.close();
    }

    private String serve(Connection connection) {
        try (connection) {
            if (flood) {
                byte[] chunk = new byte[8192];
                while (true) {
                    connection.output().write(chunk);
                }
            }
            connection.input().transferTo(connection.output());
            connection.output().write(FAREWELL.getBytes(StandardCharsets.US_ASCII));
            connection.shutdownOutput();
            return "echoed";
        } catch (IOException e) {
            // Closed by the relay: the only way a flooding connection ends.
            return flood ? "flooded" : "failed";
        }
    }
}
