package dev.nitroattest.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.vsock.Connection;
import dev.nitroattest.vsock.ListenEndpoint;
import dev.nitroattest.vsock.Listener;
import dev.nitroattest.vsock.TcpEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** An acceptor that fails unexpectedly stops the server, rather than leaving it up and serving nobody. */
class AgentServerFailureTest {

    /** A listener whose accept() fails with an unchecked exception, as a bug in the transport might. */
    private static final class BrokenListener implements Listener {
        final IllegalStateException failure = new IllegalStateException("the listener broke");
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public Connection accept() {
            throw failure;
        }

        @Override
        public ListenEndpoint endpoint() {
            return new TcpEndpoint("127.0.0.1", 9);
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void anUncheckedFailureInAcceptStopsTheServerWithThatFailure() throws Exception {
        BrokenListener listener = new BrokenListener();
        List<String> log = new CopyOnWriteArrayList<>();
        try (NsmClient nsm = new NsmClient(EmulatedNsm.builder().build())) {
            AgentServer server = AgentServer.start(listener, nsm, AgentSettings.defaults(), log::add);
            assertTimeoutPreemptively(Duration.ofSeconds(20), server::awaitStop, "awaitStop() returns");
            assertSame(listener.failure, server.failure().orElseThrow());
            assertTrue(listener.closed.get(), "the listener was closed");
            assertEquals(List.of("stopping: accepting connections failed: java.lang.IllegalStateException: the "
                    + "listener broke"), log);
            server.close();
        }
    }

    @Test
    void aServerClosedNormallyHasNoFailure() throws Exception {
        try (NsmClient nsm = new NsmClient(EmulatedNsm.builder().build())) {
            AgentServer server = AgentServer.start(ListenEndpoint.parse("tcp:127.0.0.1:0"), nsm,
                    AgentSettings.defaults(), line -> { });
            server.close();
            assertTimeoutPreemptively(Duration.ofSeconds(20), server::awaitStop);
            assertTrue(server.failure().isEmpty());
        }
    }
}
