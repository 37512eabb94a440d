package dev.nitroattest.cli;

import dev.nitroattest.testkit.EcKeyPair;
import dev.nitroattest.tls.AttestedTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A TLS 1.3 server on 127.0.0.1 that presents one certificate and signs the handshake with one key, whether or not
 * they belong together (a man in the middle's server is one whose do not). It completes each handshake and closes.
 */
final class AttestedTestServer implements AutoCloseable {
    private final SSLServerSocket server;

    AttestedTestServer(X509Certificate certificate, EcKeyPair signingKey) throws IOException, GeneralSecurityException {
        server = (SSLServerSocket) AttestedTls.context(new FixedKeyManager(certificate, privateKey(signingKey)), null)
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

    private static PrivateKey privateKey(EcKeyPair key) throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp384r1"));
        return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(key.privateScalar(),
                parameters.getParameterSpec(ECParameterSpec.class)));
    }

    /** One certificate and one key. */
    private static final class FixedKeyManager extends X509ExtendedKeyManager {
        private final X509Certificate certificate;
        private final PrivateKey key;

        FixedKeyManager(X509Certificate certificate, PrivateKey key) {
            this.certificate = certificate;
            this.key = key;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return "EC".equals(keyType) ? "fixed" : null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return "EC".equals(keyType) ? "fixed" : null;
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {"fixed"};
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
