package dev.nitroattest.vsock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The accept loop the agent and the proxy's forwarders share: what it retries, what ends it, and how. */
class AcceptLoopTest {

    /** Hands out what it is given, in order: a connection, or an exception to throw. */
    private static final class ScriptedListener implements Listener {
        private final Deque<Object> script = new ArrayDeque<>();

        ScriptedListener then(Object next) {
            script.add(next);
            return this;
        }

        @Override
        public Connection accept() throws IOException {
            Object next = script.poll();
            if (next instanceof IOException e) {
                throw e;
            }
            if (next instanceof RuntimeException e) {
                throw e;
            }
            if (next instanceof Error e) {
                throw e;
            }
            return (Connection) next;
        }

        @Override
        public ListenEndpoint endpoint() {
            return new TcpEndpoint("127.0.0.1", 9);
        }

        @Override
        public void close() {
        }
    }

    /** Records what the loop reported, in order. */
    private static final class Recorder implements AcceptLoop.Handler {
        final List<Object> events = new ArrayList<>();

        @Override
        public void accepted(Connection connection) {
            events.add(connection);
        }

        @Override
        public void acceptFailed(IOException failure) {
            events.add(failure);
        }

        @Override
        public void stoppedBy(Throwable failure) {
            events.add("stopped by " + failure.getMessage());
        }
    }

    /** A stand-in connection: the loop only hands it on. */
    private static Connection connection() {
        return new Connection() {
            @Override
            public InputStream input() {
                return InputStream.nullInputStream();
            }

            @Override
            public OutputStream output() {
                return OutputStream.nullOutputStream();
            }

            @Override
            public void timeout(Duration timeout) {
            }

            @Override
            public void shutdownOutput() {
            }

            @Override
            public String peer() {
                return "tcp:127.0.0.1:1";
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aFailedAcceptIsReportedAndRetriedAndAClosedListenerEndsTheLoopQuietly() {
        Connection first = connection();
        Connection second = connection();
        IOException tooManyFiles = new IOException("Too many open files");
        ScriptedListener listener = new ScriptedListener().then(first).then(tooManyFiles).then(second)
                .then(new ListenerClosedException("tcp:127.0.0.1:9"));
        Recorder recorder = new Recorder();
        AcceptLoop.run(listener, () -> false, recorder);
        assertEquals(List.of(first, tooManyFiles, second), recorder.events);
    }

    @Test
    void anUncheckedFailureOrAnErrorEndsTheLoopAndIsReportedOnce() {
        for (Throwable fatal : List.of(new IllegalStateException("a bug"), new OutOfMemoryError("no memory"))) {
            Connection first = connection();
            ScriptedListener listener = new ScriptedListener().then(first).then(fatal).then(connection());
            Recorder recorder = new Recorder();
            AcceptLoop.run(listener, () -> false, recorder);
            assertEquals(List.of(first, "stopped by " + fatal.getMessage()), recorder.events);
        }
    }

    @Test
    void theLoopEndsAsSoonAsItsServerIsStopping() {
        Connection first = connection();
        ScriptedListener listener = new ScriptedListener().then(first).then(connection());
        Recorder recorder = new Recorder();
        AcceptLoop.run(listener, () -> !recorder.events.isEmpty(), recorder);
        assertSame(first, recorder.events.get(0));
        assertEquals(1, recorder.events.size());
    }
}
