package dev.nitroattest.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.proxy.testing.LoopbackServer;
import dev.nitroattest.proxy.testing.RunningProxy;
import dev.nitroattest.vsock.TcpEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ingress over TCP on 127.0.0.1, an echo server standing in for the enclave application's vsock port: bytes
 * copied unchanged both ways, the connection limit, the idle timeout, an enclave that is down, and the metrics.
 */
@Timeout(60)
class IngressTest {
    private static final AttestationVerifier ANY_IMAGE = AttestationVerifier.builder().trustAwsNitroEnclavesRoot()
            .acceptAnyEnclaveImage().maxAge(Duration.ofMinutes(1)).build();

    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void bytesAreCopiedUnchangedBothWays() throws Exception {
        LoopbackServer enclave = enclave();
        RunningProxy proxy = proxy(IngressSettings.of(List.of(rule(enclave.port()))));
        byte[] payload = new byte[1 << 20];
        new Random(21).nextBytes(payload);

        try (Socket client = connect(proxy)) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readAll(client));
            client.getOutputStream().write(payload);
            client.shutdownOutput();
            assertArrayEquals(payload, received.get(30, TimeUnit.SECONDS));
        }
        String listener = "listener=\"tcp:127.0.0.1:0\"";
        awaitMetric(proxy, "nitroattest_proxy_ingress_connections_total{" + listener + ",outcome=\"forwarded\"} 1\n");
        awaitMetric(proxy, "nitroattest_proxy_ingress_bytes_total{" + listener + ",direction=\"to_destination\"} "
                + payload.length + "\n");
        awaitMetric(proxy, "nitroattest_proxy_ingress_bytes_total{" + listener + ",direction=\"from_destination\"} "
                + payload.length + "\n");
        awaitMetric(proxy, "nitroattest_proxy_ingress_active{" + listener + "} 0\n");
    }

    @Test
    void overTheConnectionLimitAConnectionIsClosedAtOnce() throws Exception {
        LoopbackServer enclave = enclave();
        RunningProxy proxy = proxy(new IngressSettings(List.of(rule(enclave.port())), 1, Duration.ofSeconds(30),
                Duration.ofSeconds(5), false));
        try (Socket first = connect(proxy)) {
            first.getOutputStream().write('a');
            assertEquals('a', first.getInputStream().read());
            try (Socket second = connect(proxy)) {
                assertEquals(-1, readOrEnd(second.getInputStream()));
            }
            awaitMetric(proxy, "outcome=\"refused_at_limit\"} 1\n");
        }
        assertTrue(proxy.log().stream().anyMatch(line -> line.startsWith("ingress tcp:127.0.0.1:0=tcp:127.0.0.1:"
                + enclave.port() + ": refused a connection from ") && line.endsWith("1 connections are open already")),
                proxy.log().toString());
        assertEquals(1, enclave.accepted(), "the refused connection reached the enclave");
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        LoopbackServer enclave = enclave();
        RunningProxy proxy = proxy(new IngressSettings(List.of(rule(enclave.port())), 4, Duration.ofMillis(300),
                Duration.ofSeconds(5), false));
        try (Socket client = connect(proxy)) {
            // Nothing is sent either way: the ingress must end the connection by itself.
            assertEquals(-1, readOrEnd(client.getInputStream()));
        }
        awaitMetric(proxy, "nitroattest_proxy_ingress_idle_closed_total{listener=\"tcp:127.0.0.1:0\"} 1\n");
    }

    @Test
    void anEnclaveThatIsDownClosesTheConnectionAndIsLogged() throws Exception {
        int nobody;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = socket.getLocalPort();
        }
        RunningProxy proxy = proxy(IngressSettings.of(List.of(rule(nobody))));
        try (Socket client = connect(proxy)) {
            assertEquals(-1, readOrEnd(client.getInputStream()));
        }
        awaitMetric(proxy, "outcome=\"destination_failed\"} 1\n");
        assertTrue(proxy.log().stream().anyMatch(line -> line.contains(": Cannot connect to the enclave at "
                + "tcp:127.0.0.1:" + nobody + ": ")), proxy.log().toString());
    }

    @Test
    void eachIngressListensOnItsOwnPortInTheSettingsOrder() throws Exception {
        LoopbackServer first = enclave();
        LoopbackServer second = enclave();
        RunningProxy proxy = proxy(IngressSettings.of(List.of(rule(first.port()), rule(second.port()))));
        List<Integer> ports = proxy.proxy().ingressEndpoints().stream().map(e -> ((TcpEndpoint) e).port()).toList();
        for (int port : ports) {
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
                client.getOutputStream().write('x');
                assertEquals('x', client.getInputStream().read());
            }
        }
        assertEquals(1, first.accepted());
        assertEquals(1, second.accepted());
    }

    private static IngressRule rule(int enclavePort) {
        return new IngressRule(new TcpEndpoint("127.0.0.1", 0), new TcpEndpoint("127.0.0.1", enclavePort));
    }

    private LoopbackServer enclave() throws IOException {
        LoopbackServer server = LoopbackServer.echoing("ingress-test-enclave");
        toClose.add(server);
        return server;
    }

    private RunningProxy proxy(IngressSettings ingress) throws IOException {
        RunningProxy proxy = RunningProxy.with(ProxySettings.builder(new TcpEndpoint("127.0.0.1", 1), ANY_IMAGE)
                .ingress(ingress));
        toClose.add(proxy);
        return proxy;
    }

    private static Socket connect(RunningProxy proxy) throws IOException {
        TcpEndpoint endpoint = (TcpEndpoint) proxy.proxy().ingressEndpoints().get(0);
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), endpoint.port());
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static void awaitMetric(RunningProxy proxy, String sample) throws InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            if (proxy.proxy().metricsText().contains(sample)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no \"" + sample.strip() + "\" within 10 s in:\n" + proxy.proxy().metricsText());
    }

    /** The next byte, or -1 at end of stream or when the ingress reset the connection. */
    private static int readOrEnd(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketException e) {
            return -1;
        }
    }

    private static byte[] readAll(Socket socket) {
        try {
            return socket.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
