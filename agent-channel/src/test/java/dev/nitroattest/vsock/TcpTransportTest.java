package dev.nitroattest.vsock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The TCP side of the transport abstraction, on 127.0.0.1 only. */
@Timeout(30)
class TcpTransportTest {

    @Test
    void bytesGoBothWaysThroughTheAbstraction() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Listener listener = ListenEndpoint.parse("tcp:127.0.0.1:0").listen(4)) {
            TcpEndpoint bound = assertInstanceOf(TcpEndpoint.class, listener.endpoint());
            assertTrue(bound.port() > 0);
            Future<byte[]> echoed = executor.submit(() -> {
                try (Connection server = listener.accept()) {
                    byte[] received = server.input().readNBytes(5);
                    server.output().write(received);
                    server.output().flush();
                    return received;
                }
            });
            try (Connection client = ConnectEndpoint.parse(bound.toString()).connect(Duration.ofSeconds(5))) {
                client.timeout(Duration.ofSeconds(5));
                client.output().write(new byte[] {1, 2, 3, 4, 5});
                assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, client.input().readNBytes(5));
                assertTrue(client.peer().startsWith("tcp:127.0.0.1:"), client.peer());
                assertEquals(-1, client.input().read(), "the server closed");
            }
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, echoed.get(10, TimeUnit.SECONDS));
        } finally {
            executor.shutdownNow();
        }
    }

    /** Every write with a deadline schedules a watchdog; written in time, its cancelled task leaves the queue. */
    @Test
    void manyWritesWithALongDeadlineLeaveNoWatchdogsQueued() throws Exception {
        try (Listener listener = ListenEndpoint.parse("tcp:127.0.0.1:0").listen(4);
                Connection client = ((ConnectEndpoint) listener.endpoint()).connect(Duration.ofSeconds(5));
                Connection server = listener.accept()) {
            client.timeout(Duration.ofHours(1));
            server.timeout(Duration.ofSeconds(10));
            for (int i = 0; i < 5_000; i++) {
                client.output().write(i);
                assertEquals(i & 0xff, server.input().read());
            }
            // Other tests' connections may have a write under way; none has thousands.
            assertTrue(TcpConnection.watchdogQueueSize() < 100, TcpConnection.watchdogQueueSize() + " queued");
        }
    }

    @Test
    void aReadWithNoDataTimesOut() throws Exception {
        try (Listener listener = ListenEndpoint.parse("tcp:127.0.0.1:0").listen(4);
                Connection client = ((ConnectEndpoint) listener.endpoint()).connect(Duration.ofSeconds(5));
                Connection server = listener.accept()) {
            server.timeout(Duration.ofMillis(100));
            assertThrows(SocketTimeoutException.class, () -> server.input().read());
            client.shutdownOutput();
            server.timeout(Duration.ofSeconds(5));
            assertEquals(-1, server.input().read(), "end of stream after the client's shutdownOutput");
        }
    }

    @Test
    void closingTheListenerEndsAWaitingAccept() throws Exception {
        Listener listener = ListenEndpoint.parse("tcp:127.0.0.1:0").listen(4);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Connection> accepting = executor.submit(listener::accept);
            Thread.sleep(200);
            listener.close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> accepting.get(10, TimeUnit.SECONDS));
            assertInstanceOf(ListenerClosedException.class, e.getCause());
        } finally {
            executor.shutdownNow();
        }
    }
}
