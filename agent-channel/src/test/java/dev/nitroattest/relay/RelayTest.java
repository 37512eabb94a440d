package dev.nitroattest.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.vsock.Connection;
import dev.nitroattest.vsock.TcpEndpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The relay over TCP on 127.0.0.1, with clients on the project's own {@link Connection} (vsock is the same behind
 * it): bytes both ways, half-close passed on, the connection limit, a destination that is down, the idle timeout,
 * and close().
 */
@Timeout(60)
class RelayTest {
    private static final RelayLimits LIMITS = new RelayLimits(8, Duration.ofSeconds(30));
    private static final RelayLimits QUICKLY_IDLE = new RelayLimits(4, Duration.ofMillis(300));
    private static final byte[] FAREWELL = EchoServer.FAREWELL.getBytes(StandardCharsets.US_ASCII);

    private final Recorder recorder = new Recorder();

    @Test
    void manyMegabytesGoBothWaysAtOnceAndEndOfStreamIsPassedOnEachWay() throws Exception {
        byte[] payload = new byte[8 << 20];
        new Random(13).nextBytes(payload);
        try (EchoServer echo = new EchoServer(false); Relay relay = start(echo.destination(), LIMITS);
                Connection client = connect(relay)) {
            // Reading while writing: the echo sends back as it receives, so both directions are busy together.
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> rest(client));
            client.output().write(payload);
            // The echo says farewell only once our end of stream has reached it, and we see the farewell end only
            // if its own end of stream comes back the other way.
            client.shutdownOutput();
            byte[] answer = received.get(30, TimeUnit.SECONDS);

            assertEquals(payload.length + FAREWELL.length, answer.length);
            assertArrayEquals(payload, Arrays.copyOf(answer, payload.length));
            assertArrayEquals(FAREWELL, Arrays.copyOfRange(answer, payload.length, answer.length));
            assertEquals("echoed", echo.awaitEnd());
        }
        recorder.await("opened");
        recorder.await("closed");
        assertEquals(payload.length, recorder.toDestination.sum());
        assertEquals(payload.length + FAREWELL.length, recorder.fromDestination.sum());
    }

    @Test
    void aHalfClosedConnectionStillCarriesTheOtherWay() throws Exception {
        try (EchoServer echo = new EchoServer(false); Relay relay = start(echo.destination(), LIMITS);
                Connection client = connect(relay)) {
            exchange(client, "ping\n");
            client.shutdownOutput();
            // After our end of stream, the destination's answer still comes back, then its own end of stream.
            assertEquals(EchoServer.FAREWELL, text(client.input().readNBytes(FAREWELL.length)));
            assertEquals(-1, client.input().read());
        }
        recorder.await("closed");
    }

    @Test
    void overTheLimitAConnectionIsClosedAtOnceAndTheSlotComesBack() throws Exception {
        try (EchoServer echo = new EchoServer(false);
                Relay relay = start(echo.destination(), new RelayLimits(1, Duration.ofSeconds(30)))) {
            try (Connection first = connect(relay)) {
                exchange(first, "first");
                try (Connection second = connect(relay)) {
                    assertTrue(endsUnanswered(second));
                    String refused = recorder.await("refused");
                    assertTrue(refused.matches("refused tcp:127\\.0\\.0\\.1:\\d+ at 1"), refused);
                }
            }
            // The relay reports the end once the slot is free again.
            recorder.await("closed");
            try (Connection third = connect(relay)) {
                exchange(third, "third");
            }
            assertEquals(2, echo.acceptedCount());
        }
    }

    @Test
    void aDestinationThatIsDownClosesTheConnectionAndGivesTheSlotBack() throws Exception {
        int nobody;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = socket.getLocalPort();
        }
        TcpEndpoint down = new TcpEndpoint("127.0.0.1", nobody);
        try (Relay relay = start(() -> down.connect(Duration.ofSeconds(5)), LIMITS)) {
            // More connections than the limit: each failure must have freed its slot.
            for (int i = 0; i <= LIMITS.maxConnections(); i++) {
                try (Connection client = connect(relay)) {
                    assertTrue(endsUnanswered(client));
                }
                String failed = recorder.await("destination failed");
                assertTrue(failed.startsWith("destination failed tcp:127.0.0.1:"), failed);
            }
        }
    }

    @Test
    void aDestinationThatThrowsOrGivesNothingIsTreatedAsDown() throws Exception {
        RelayLimits one = new RelayLimits(1, Duration.ofSeconds(30));
        RelayDestination[] broken = {
            () -> {
                throw new IllegalStateException("no vsock here");
            },
            () -> {
                throw new UnsatisfiedLinkError("libc");
            },
            () -> null,
        };
        for (RelayDestination destination : broken) {
            try (Relay relay = start(destination, one)) {
                // With one slot, a second client is relayed only if the first failure gave its slot back.
                for (int i = 0; i < 2; i++) {
                    try (Connection client = connect(relay)) {
                        assertTrue(endsUnanswered(client));
                    }
                    String failed = recorder.await("destination failed");
                    assertTrue(failed.contains("the destination"), failed);
                }
            }
        }
    }

    @Test
    void whenBothSidesStopReadingWhileTheyWriteTheIdleTimerClosesBoth() throws Exception {
        try (EchoServer flooding = new EchoServer(true); Relay relay = start(flooding.destination(), QUICKLY_IDLE);
                Connection client = connect(relay)) {
            // The client too writes and never reads, so both pumps end up blocked in writes, where neither can see
            // time pass: only the timer can end the session.
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> writeUntilClosed(client.output()));
            recorder.await("idle");
            recorder.await("closed");
            writing.get(30, TimeUnit.SECONDS);
            assertEquals("flooded", flooding.awaitEnd());
        }
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (EchoServer echo = new EchoServer(false); Relay relay = start(echo.destination(), QUICKLY_IDLE);
                Connection client = connect(relay)) {
            exchange(client, "hello");
            assertTrue(endsUnanswered(client));
            recorder.await("idle");
            assertTrue(List.of("echoed", "failed").contains(echo.awaitEnd()));
        }
    }

    @Test
    void closeEndsEveryConnectionAndStopsListening() throws Exception {
        try (EchoServer echo = new EchoServer(false)) {
            Relay relay = start(echo.destination(), LIMITS);
            try (Connection one = connect(relay); Connection two = connect(relay)) {
                exchange(one, "one");
                exchange(two, "two");

                relay.close();

                assertTrue(endsUnanswered(one));
                assertTrue(endsUnanswered(two));
                echo.awaitEnd();
                echo.awaitEnd();
            }
            assertThrows(ConnectException.class, () -> connect(relay));
        }
    }

    /**
     * Each session's idle watchdog is cancelled when the session ends and must leave the timer's queue then, not
     * when it would have fired: with an hour's timeout, a churn of short connections would otherwise keep one task
     * per connection for an hour (24,270 of them after 6 s of churn, in the review that found it).
     */
    @Test
    void churningShortConnectionsLeavesNoIdleWatchdogsQueued() throws Exception {
        RelayLimits longIdle = new RelayLimits(8, Duration.ofHours(1));
        try (EchoServer echo = new EchoServer(false); Relay relay = start(echo.destination(), longIdle)) {
            int churned = 400;
            int mostQueued = 0;
            for (int i = 0; i < churned; i++) {
                try (Connection client = connect(relay)) {
                    exchange(client, "x");
                    mostQueued = Math.max(mostQueued, relay.idleTimerQueueSize());
                }
                recorder.await("closed");
            }
            assertTrue(mostQueued <= longIdle.maxConnections(), mostQueued + " watchdogs queued at once");
            assertEquals(0, relay.idleTimerQueueSize(), "watchdogs left after " + churned + " connections ended");
        }
    }

    @Test
    void aPeerTheRelayDoesNotAdmitIsClosedBeforeReachingTheDestination() throws Exception {
        try (EchoServer echo = new EchoServer(false);
                Relay relay = Relay.start("test", new TcpEndpoint("127.0.0.1", 0), echo.destination(), LIMITS,
                        recorder, connection -> false);
                Connection client = connect(relay)) {
            assertTrue(endsUnanswered(client));
            assertTrue(recorder.await("refused peer ").startsWith("refused peer tcp:127.0.0.1:"));
            assertEquals(0, echo.acceptedCount());
        }
    }

    @Test
    void anAdmissionThatFailsRefusesThePeer() throws Exception {
        try (EchoServer echo = new EchoServer(false);
                Relay relay = Relay.start("test", new TcpEndpoint("127.0.0.1", 0), echo.destination(), LIMITS,
                        recorder, connection -> {
                            throw new IllegalStateException("the owner's check broke");
                        });
                Connection client = connect(relay)) {
            assertTrue(endsUnanswered(client));
            recorder.await("refused peer ");
            assertEquals(0, echo.acceptedCount());
        }
    }

    @Test
    void aRelayThatCannotListenSaysWhere() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TcpEndpoint endpoint = new TcpEndpoint("127.0.0.1", taken.getLocalPort());
            IOException failure = assertThrows(IOException.class,
                    () -> Relay.start("test", endpoint, () -> null, LIMITS, recorder));
            assertTrue(failure.getMessage().startsWith("Cannot listen on " + endpoint + ": "), failure.getMessage());
        }
    }

    @Test
    void limitsAreChecked() {
        assertEquals("A relay's connection limit must be between 1 and 4096; 0 was given.",
                assertThrows(IllegalArgumentException.class, () -> new RelayLimits(0, Duration.ofSeconds(1)))
                        .getMessage());
        assertEquals("A relay's connection limit must be between 1 and 4096; 4097 was given.",
                assertThrows(IllegalArgumentException.class, () -> new RelayLimits(4097, Duration.ofSeconds(1)))
                        .getMessage());
        assertEquals("A relay's idle timeout must be positive; PT0S was given.",
                assertThrows(IllegalArgumentException.class, () -> new RelayLimits(1, Duration.ZERO)).getMessage());
    }

    private Relay start(RelayDestination destination, RelayLimits limits) throws IOException {
        return Relay.start("test", new TcpEndpoint("127.0.0.1", 0), destination, limits, recorder);
    }

    /** A client of the relay, whose reads give up after 20 s so that a broken relay fails the test, not hangs it. */
    private static Connection connect(Relay relay) throws IOException {
        Connection connection = ((TcpEndpoint) relay.endpoint()).connect(Duration.ofSeconds(5));
        connection.timeout(Duration.ofSeconds(20));
        return connection;
    }

    /** Sends the text and expects it back from the echo. */
    private static void exchange(Connection client, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        client.output().write(bytes);
        assertEquals(text, text(client.input().readNBytes(bytes.length)));
    }

    /** Whether the relay ends the connection without a byte: end of stream, or a reset. */
    private static boolean endsUnanswered(Connection client) throws IOException {
        try {
            return client.input().read() == -1;
        } catch (SocketException e) {
            return true;
        }
    }

    private static byte[] rest(Connection client) {
        try {
            return client.input().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeUntilClosed(OutputStream out) {
        byte[] chunk = new byte[8192];
        try {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException e) {
            // The relay closed the connection, which is what the test waits for.
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
