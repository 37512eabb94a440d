package dev.nitroattest.tools.demo;

import dev.nitroattest.tls.AttestedTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

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
            try (Socket client = server.accept()) {
                client.setSoTimeout(10_000);
                ((SSLSocket) client).startHandshake();
                completedHandshakes++;
            } catch (IOException e) {
                // The client refused the handshake: what the demo shows.
            }
        }
    }

    /** One certificate and one key, whether or not they belong together. */
    private static final class FixedKeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "parent";
        private final X509Certificate certificate;
        private final PrivateKey key;

        FixedKeyManager(X509Certificate certificate, PrivateKey key) {
            this.certificate = certificate;
            this.key = key;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return "EC".equals(keyType) ? ALIAS : null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return "EC".equals(keyType) ? ALIAS : null;
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return new X509Certificate[] {certificate};
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key;
        }
    }
}
