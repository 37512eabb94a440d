package dev.nitroattest.tools.demo;

import dev.nitroattest.testkit.FixedKeyManager;
import dev.nitroattest.tls.AttestedTls;
import java.io.IOException;
import java.net.InetAddress;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The parent as a man in the middle: a TLS 1.3 server on 127.0.0.1, where a relying service's connection to the
 * ingress would arrive, that terminates TLS itself with the certificate and key it has. If a client ever completed a
 * handshake with it, the parent could read and answer the client's requests; it counts those handshakes, and the
 * demo requires there to be none.
 */
final class ParentInTheMiddle implements AutoCloseable {
    private final SSLServerSocket server;
    private volatile int completedHandshakes;

    /**
     * @param certificate what it presents
     * @param key what it signs the handshake with: its own, whatever the certificate names
     */
    ParentInTheMiddle(X509Certificate certificate, PrivateKey key) throws IOException {
        server = (SSLServerSocket) AttestedTls.context(new FixedKeyManager(certificate, key), null)
                .getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::serve, "demo-parent-in-the-middle");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code 127.0.0.1:PORT}. */
    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** How many clients completed a handshake with it: whose requests it could have read. */
    int completedHandshakes() {
        return completedHandshakes;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (SSLSocket client = (SSLSocket) server.accept()) {
                client.setSoTimeout(10_000);
                client.startHandshake();
                completedHandshakes++;
            } catch (IOException e) {
                // The client refused the handshake: what the demo shows.
            }
        }
    }
}
