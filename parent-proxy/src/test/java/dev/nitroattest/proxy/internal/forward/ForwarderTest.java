package dev.nitroattest.proxy.internal.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.proxy.ForwardAccess;
import dev.nitroattest.proxy.ForwardDestination;
import dev.nitroattest.proxy.ForwardLimits;
import dev.nitroattest.proxy.ForwardRule;
import dev.nitroattest.proxy.internal.metrics.ForwardMetrics;
import dev.nitroattest.proxy.internal.metrics.ProxyMetrics;
import dev.nitroattest.proxy.testing.LoopbackServer;
import dev.nitroattest.vsock.TcpEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The forwarder over TCP on 127.0.0.1, standing in for its vsock listener: bytes both ways, half-close, the limits,
 * and that each listener reaches its one destination and nothing else.
 */
@Timeout(60)
class ForwarderTest {
    private static final ForwardLimits LIMITS = new ForwardLimits(8, Duration.ofSeconds(30), Duration.ofSeconds(5));

    private final ProxyMetrics metrics = new ProxyMetrics();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void bytesMoveBothWaysAndEndOfStreamIsPassedOn() throws Exception {
        LoopbackServer echo = server("echo");
        Forwarder forwarder = forwarder("127.0.0.1:" + echo.port(), LIMITS);
        byte[] payload = new byte[1 << 20];
        new Random(5).nextBytes(payload);

        try (Socket client = connect(forwarder)) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readAll(client));
            client.getOutputStream().write(payload);
            client.shutdownOutput();
            byte[] answer = received.get(30, TimeUnit.SECONDS);

            byte[] greeting = echo.greeting().getBytes(StandardCharsets.US_ASCII);
            assertEquals(greeting.length + payload.length, answer.length);
            assertArrayEquals(greeting, Arrays.copyOf(answer, greeting.length));
            assertArrayEquals(payload, Arrays.copyOfRange(answer, greeting.length, answer.length));
        }
        // The pumps count a chunk once written, which may be just after the client has read it.
        awaitMetric("direction=\"to_destination\"} " + payload.length + "\n");
        awaitMetric("direction=\"from_destination\"} " + (payload.length + echo.greeting().length()) + "\n");
    }

    @Test
    void eachListenerReachesOnlyItsOwnDestination() throws Exception {
        LoopbackServer kms = server("kms");
        LoopbackServer other = server("other");
        Forwarder toKms = forwarder("127.0.0.1:" + kms.port(), LIMITS);
        forwarder("127.0.0.1:" + other.port(), LIMITS);

        for (int i = 0; i < 3; i++) {
            try (Socket client = connect(toKms)) {
                assertEquals("kms\n", readLine(client.getInputStream()));
                // Whatever the enclave writes is payload, never an address: it cannot steer the connection.
                client.getOutputStream().write(("CONNECT 127.0.0.1:" + other.port() + " HTTP/1.1\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                client.shutdownOutput();
                readAll(client);
            }
        }
        assertEquals(3, kms.accepted());
        assertEquals(0, other.accepted());
    }

    @Test
    void aNameThatResolvesToLoopbackIsRefusedAndNothingIsReached() throws Exception {
        LoopbackServer canary = server("canary");
        ForwardMetrics counters = metrics.forwarder("name");
        Forwarder byName = Forwarder.start(new ForwardRule(new TcpEndpoint("127.0.0.1", 0),
                new ForwardDestination("localhost", canary.port())), LIMITS, ForwardAccess.defaults(), counters,
                log::add);
        toClose.add(byName);

        try (Socket client = connect(byName)) {
            assertEquals(-1, readOrEnd(client.getInputStream()), "the connection should be closed unanswered");
        }
        assertEquals(0, canary.accepted());
        assertTrue(log.stream().anyMatch(line -> line.contains("resolves only to loopback")), log.toString());
        awaitMetric("listener=\"name\",outcome=\"destination_failed\"} 1\n");
    }

    @Test
    void anUnreachableDestinationClosesTheConnection() throws Exception {
        int nobody;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = socket.getLocalPort();
        }
        Forwarder forwarder = forwarder("127.0.0.1:" + nobody, LIMITS);
        try (Socket client = connect(forwarder)) {
            assertEquals(-1, readOrEnd(client.getInputStream()));
        }
        assertTrue(log.stream().anyMatch(line -> line.contains("Cannot connect to 127.0.0.1:" + nobody)),
                log.toString());
    }

    @Test
    void overTheConnectionLimitAConnectionIsClosedAtOnce() throws Exception {
        LoopbackServer echo = server("echo");
        Forwarder forwarder = forwarder("127.0.0.1:" + echo.port(),
                new ForwardLimits(1, Duration.ofSeconds(30), Duration.ofSeconds(5)));
        try (Socket first = connect(forwarder)) {
            assertEquals("echo\n", readLine(first.getInputStream()));
            try (Socket second = connect(forwarder)) {
                assertEquals(-1, readOrEnd(second.getInputStream()));
            }
            awaitMetric("outcome=\"refused_at_limit\"} 1\n");
            first.shutdownOutput();
            readAll(first);
        }
        // The slot comes back once the first session has ended on the forwarder's side.
        for (int attempt = 0; attempt < 200; attempt++) {
            try (Socket again = connect(forwarder)) {
                if (readOrEnd(again.getInputStream()) == 'e') {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the forwarder never served a connection again after the first one ended");
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        LoopbackServer echo = server("echo");
        Forwarder forwarder = forwarder("127.0.0.1:" + echo.port(),
                new ForwardLimits(4, Duration.ofMillis(300), Duration.ofSeconds(5)));
        String forwarderName = "tcp:127.0.0.1:0=127.0.0.1:" + echo.port();
        try (Socket client = connect(forwarder)) {
            assertEquals("echo\n", readLine(client.getInputStream()));
            // Nothing more is sent either way: the forwarder must end the connection by itself.
            assertEquals(-1, readOrEnd(client.getInputStream()));
        }
        awaitMetric("nitroattest_proxy_forward_idle_closed_total{listener=\"" + forwarderName + "\"} 1\n");
    }

    @Test
    void aSessionWhoseSidesStopReadingWhileTheyWriteIsClosedAsIdle() throws Exception {
        ServerSocket flooding = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        toClose.add(flooding);
        Thread destination = daemon(() -> {
            // Writes for ever and never reads: the forwarder's pump towards it blocks once the buffers are full.
            try (Socket socket = flooding.accept()) {
                flood(socket);
            } catch (IOException e) {
                // The forwarder closed the connection, as it should.
            }
        });
        Forwarder forwarder = forwarder("127.0.0.1:" + flooding.getLocalPort(),
                new ForwardLimits(4, Duration.ofMillis(300), Duration.ofSeconds(5)));
        String listener = "tcp:127.0.0.1:0=127.0.0.1:" + flooding.getLocalPort();
        try (Socket client = connect(forwarder)) {
            // The client too writes and never reads, so both pumps end up blocked in writes.
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> flood(client));
            writing.handle((done, failure) -> null).get(30, TimeUnit.SECONDS);
        }
        awaitMetric("nitroattest_proxy_forward_idle_closed_total{listener=\"" + listener + "\"} 1\n");
        awaitMetric("nitroattest_proxy_forward_active{listener=\"" + listener + "\"} 0\n");
        destination.join(10_000);
        assertTrue(!destination.isAlive(), "the destination's connection was left open");
    }

    /** Writes until the socket fails; returns normally then. */
    private static void flood(Socket socket) {
        byte[] chunk = new byte[8192];
        try {
            OutputStream out = socket.getOutputStream();
            while (true) {
                out.write(chunk);
            }
        } catch (IOException e) {
            // The forwarder closed the connection.
        }
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "forwarder-test-destination");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void awaitMetric(String sample) throws InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            if (metrics.render().contains(sample)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no \"" + sample.strip() + "\" within 10 s in:\n" + metrics.render());
    }

    private LoopbackServer server(String name) throws IOException {
        LoopbackServer server = LoopbackServer.named(name);
        toClose.add(server);
        return server;
    }

    private Forwarder forwarder(String destination, ForwardLimits limits) throws IOException {
        ForwardRule rule = new ForwardRule(new TcpEndpoint("127.0.0.1", 0), ForwardDestination.parse(destination));
        Forwarder forwarder = Forwarder.start(rule, limits, ForwardAccess.defaults(),
                metrics.forwarder(rule.toString()), log::add);
        toClose.add(forwarder);
        return forwarder;
    }

    private static Socket connect(Forwarder forwarder) throws IOException {
        TcpEndpoint endpoint = (TcpEndpoint) forwarder.endpoint();
        Socket socket = new Socket(endpoint.host(), endpoint.port());
        socket.setSoTimeout(20_000);
        return socket;
    }

    /** The next byte, or -1 at end of stream or when the forwarder reset the connection. */
    private static int readOrEnd(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketException e) {
            return -1;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            line.append((char) c);
            if (c == '\n') {
                break;
            }
        }
        return line.toString();
    }

    private static byte[] readAll(Socket socket) {
        try {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(all);
            return all.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
