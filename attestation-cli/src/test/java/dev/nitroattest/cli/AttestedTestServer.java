package dev.nitroattest.cli;

import dev.nitroattest.testkit.EcKeyPair;
import dev.nitroattest.testkit.FixedKeyManager;
import dev.nitroattest.tls.AttestedTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS 1.3 server on 127.0.0.1 that presents one certificate and signs the handshake with one key, whether or not
 * they belong together (the test kit's {@link FixedKeyManager}). It completes each handshake and closes.
 */
final class AttestedTestServer implements AutoCloseable {
    private final SSLServerSocket server;

    AttestedTestServer(X509Certificate certificate, EcKeyPair signingKey) throws IOException {
        server = (SSLServerSocket) AttestedTls.context(FixedKeyManager.of(certificate, signingKey), null)
                .getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setEnabledProtocols(new String[] {AttestedTls.PROTOCOL});
        Thread acceptor = new Thread(this::serve, "attested-test-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code 127.0.0.1:PORT}. */
    String target() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void serve() {
        while (true) {
            try (Socket client = server.accept()) {
                client.setSoTimeout(10_000);
                ((SSLSocket) client).startHandshake();
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
                // The client refused the handshake, as the tests expect it to now and then.
            }
        }
    }
}
