package dev.nitroattest.testing;

import dev.nitroattest.vsock.Connection;
import dev.nitroattest.vsock.ListenEndpoint;
import dev.nitroattest.vsock.Listener;
import dev.nitroattest.vsock.ListenerClosedException;
import java.io.IOException;

/**
 * A bridge's destination in tests, over any endpoint: TCP on 127.0.0.1 in the agent's tests, vsock in the guest
 * kernel's. It sends back every byte of each connection, each on its own thread, and ends its side at end of stream.
 */
public final class EchoListener implements AutoCloseable {
    private final Listener listener;

    private EchoListener(Listener listener) {
        this.listener = listener;
    }

    /** Listens on the endpoint and starts echoing. */
    public static EchoListener start(ListenEndpoint endpoint) throws IOException {
        EchoListener echo = new EchoListener(endpoint.listen(16));
        daemon(echo::acceptLoop, "echo-acceptor");
        return echo;
    }

    /** Where it listens, with the actual port. */
    public ListenEndpoint endpoint() {
        return listener.endpoint();
    }

    @Override
    public void close() {
        listener.close();
    }

    private void acceptLoop() {
        try {
            while (true) {
                Connection connection = listener.accept();
                daemon(() -> echoUntilEnd(connection), "echo-connection");
            }
        } catch (ListenerClosedException e) {
            // The test is over.
        } catch (IOException e) {
            throw new IllegalStateException("The echo cannot accept: " + e.getMessage(), e);
        }
    }

    private static void echoUntilEnd(Connection connection) {
        try (connection) {
            connection.input().transferTo(connection.output());
            connection.shutdownOutput();
        } catch (IOException e) {
            // The bridge closed its side; there is nobody to echo to.
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
