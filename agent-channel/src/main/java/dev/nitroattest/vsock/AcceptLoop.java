package dev.nitroattest.vsock;

import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * The accept loop of a server on a {@link Listener}: the agent's, and the parent proxy's forwarders'. A failing accept
 * (out of file descriptors, say) is reported and retried after a pause, so that it cannot spin the thread at full
 * speed; anything else that goes wrong while accepting is fatal, and reported once, because a server without its
 * acceptor serves nobody while it looks alive.
 */
public final class AcceptLoop {
    private static final long PAUSE_AFTER_FAILURE_MILLIS = 100;

    private AcceptLoop() {
    }

    /** What the loop tells its server. */
    public interface Handler {
        /** A new connection, now the server's to serve or close. */
        void accepted(Connection connection);

        /** An accept failed and will be retried. */
        void acceptFailed(IOException failure);

        /** Accepting failed for good (a runtime exception or an error); the loop has ended. */
        void stoppedBy(Throwable failure);
    }

    /** Runs until the listener is closed or {@code stopping} says so, on the calling thread. */
    public static void run(Listener listener, BooleanSupplier stopping, Handler handler) {
        try {
            while (!stopping.getAsBoolean()) {
                Connection connection;
                try {
                    connection = listener.accept();
                } catch (ListenerClosedException e) {
                    return;
                } catch (IOException e) {
                    handler.acceptFailed(e);
                    pause();
                    continue;
                }
                handler.accepted(connection);
            }
        } catch (RuntimeException | Error e) {
            handler.stoppedBy(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_AFTER_FAILURE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
