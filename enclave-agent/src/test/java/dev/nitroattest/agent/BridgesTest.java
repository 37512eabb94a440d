package dev.nitroattest.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.relay.RelayLimits;
import dev.nitroattest.testing.EchoListener;
import dev.nitroattest.testing.RawAgentClient;
import dev.nitroattest.text.LineLog;
import dev.nitroattest.vsock.ConnectEndpoint;
import dev.nitroattest.vsock.TcpEndpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The agent's bridges in process, over TCP on 127.0.0.1 with an echo as the destination (in an enclave it is
 * vsock:3:PORT; GuestKernelIT runs one over real vsock): bytes both ways, what is logged, and closing.
 */
@Timeout(60)
class BridgesTest {
    private static final RelayLimits LIMITS = new RelayLimits(4, Duration.ofMinutes(5));

    private static final byte[] X = {'x'};

    private final LinkedBlockingQueue<String> log = new LinkedBlockingQueue<>();

    @Test
    void eachBridgeCopiesBytesBothWaysToItsOwnDestinationAndLogsNoneOfThem() throws Exception {
        byte[] record = new byte[70_000];
        new Random(3).nextBytes(record);
        try (EchoListener first = echo(); EchoListener second = echo();
                Bridges bridges = start(LIMITS, "tcp:127.0.0.1:0=" + first.endpoint(),
                        "tcp:127.0.0.1:0=" + second.endpoint())) {
            for (String endpoint : bridges.endpoints()) {
                try (RawAgentClient client = connect(endpoint)) {
                    client.send(record);
                    client.endOutput();
                    assertArrayEquals(record, client.readToEnd());
                }
            }
            assertEquals(List.of(), new ArrayList<>(log), "nothing was refused or failed, so nothing is logged");
            assertFalse(bridges.failure().isPresent());
        }
    }

    @Test
    void aConnectionOverTheLimitIsRefusedWithOneLogLine() throws Exception {
        try (EchoListener echo = echo()) {
            String rule = "tcp:127.0.0.1:0=" + echo.endpoint();
            try (Bridges bridges = start(new RelayLimits(1, Duration.ofMinutes(5)), rule);
                    RawAgentClient held = connect(bridges.endpoints().get(0));
                    RawAgentClient refused = connect(bridges.endpoints().get(0))) {
                held.send(X);
                assertArrayEquals(X, held.read(1));
                assertTrue(refused.closedByAgent());
                String line = awaitLine();
                assertTrue(line.matches("bridge " + rule.replace(".", "\\.") + ": refused a connection from "
                        + "tcp:127\\.0\\.0\\.1:\\d+: 1 connections are open already"), line);
            }
        }
    }

    @Test
    void anUnreachableDestinationClosesTheConnectionWithOneLogLine() throws Exception {
        int nobody;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = socket.getLocalPort();
        }
        String rule = "tcp:127.0.0.1:0=tcp:127.0.0.1:" + nobody;
        try (Bridges bridges = start(LIMITS, rule); RawAgentClient client = connect(bridges.endpoints().get(0))) {
            client.send("never logged".getBytes(StandardCharsets.US_ASCII));
            assertTrue(client.closedByAgent());
        }
        String line = awaitLine();
        assertTrue(line.startsWith("bridge " + rule + ": closed the connection from tcp:127.0.0.1:"), line);
        assertTrue(line.endsWith(": Cannot connect to tcp:127.0.0.1:" + nobody + ": Connection refused."), line);
    }

    @Test
    void closingTheBridgesEndsTheirConnectionsAndStopsListening() throws Exception {
        try (EchoListener echo = echo()) {
            Bridges bridges = start(LIMITS, "tcp:127.0.0.1:0=" + echo.endpoint());
            String endpoint = bridges.endpoints().get(0);
            try (RawAgentClient client = connect(endpoint)) {
                client.send(X);
                assertArrayEquals(X, client.read(1));
                bridges.close();
                assertTrue(client.closedByAgent());
            }
            assertThrows(ConnectException.class, () -> connect(endpoint));
        }
    }

    @Test
    void aBridgeWhoseAcceptorFailsForGoodStopsListeningAndTellsTheAgent() throws Exception {
        // A log that breaks on the refusal line makes the accept loop fail for good, as an Error would.
        LineLog breaksOnRefusal = line -> {
            if (line.contains("refused a connection")) {
                throw new IllegalStateException("the log is broken");
            }
            log.add(line);
        };
        try (EchoListener echo = echo();
                Bridges bridges = Bridges.start(List.of(BridgeRule.parse("tcp:127.0.0.1:0=" + echo.endpoint())),
                        new RelayLimits(1, Duration.ofMinutes(5)), breaksOnRefusal, () -> log.add("failed"))) {
            String endpoint = bridges.endpoints().get(0);
            try (RawAgentClient held = connect(endpoint)) {
                held.send(X);
                assertArrayEquals(X, held.read(1));
                try (RawAgentClient refused = connect(endpoint)) {
                    assertTrue(refused.closedByAgent());
                }
                String stopped = awaitLine();
                assertTrue(stopped.contains(": stopped: ") && stopped.contains("the log is broken"), stopped);
                assertEquals("failed", awaitLine());
                assertTrue(bridges.failure().orElseThrow().getMessage().contains("the log is broken"));
                assertThrows(ConnectException.class, () -> connect(endpoint));
            }
        }
    }

    @Test
    void aBridgeThatCannotListenFailsTheStartAndLeavesNoneListening() throws Exception {
        try (EchoListener echo = echo();
                ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int free;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                free = probe.getLocalPort();
            }
            String good = "tcp:127.0.0.1:" + free + "=" + echo.endpoint();
            String bad = "tcp:127.0.0.1:" + taken.getLocalPort() + "=" + echo.endpoint();
            IOException failure = assertThrows(IOException.class, () -> start(LIMITS, good, bad));
            assertTrue(failure.getMessage().startsWith("--bridge " + bad + ": Cannot listen on tcp:127.0.0.1:"
                    + taken.getLocalPort() + ": "), failure.getMessage());
            assertThrows(ConnectException.class, () -> connect("tcp:127.0.0.1:" + free));
        }
    }

    private Bridges start(RelayLimits limits, String... rules) throws IOException {
        List<BridgeRule> parsed = new ArrayList<>();
        for (String rule : rules) {
            parsed.add(BridgeRule.parse(rule));
        }
        return Bridges.start(parsed, limits, log::add, () -> log.add("failed"));
    }

    private String awaitLine() throws InterruptedException {
        String line = log.poll(30, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("no log line within 30 s");
        }
        return line;
    }

    /** A destination on 127.0.0.1 that sends back what it gets. */
    private static EchoListener echo() throws IOException {
        return EchoListener.start(new TcpEndpoint("127.0.0.1", 0));
    }

    /** A raw client of the bridge, whose reads give up after 20 s so that a broken bridge fails, not hangs. */
    private static RawAgentClient connect(String endpoint) throws IOException {
        return new RawAgentClient(ConnectEndpoint.parse(endpoint), Duration.ofSeconds(5), Duration.ofSeconds(20));
    }
}
