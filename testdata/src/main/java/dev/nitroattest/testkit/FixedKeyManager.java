package dev.nitroattest.testkit;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A JSSE key manager with one certificate and one EC key, whether or not they belong together: a test server's, or
 * a man in the middle's that presents an enclave's certificate and signs the handshake with a key of its own. It
 * offers itself for EC server keys only, and never as a client.
 */
public final class FixedKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "fixed";

    private final X509Certificate certificate;
    private final PrivateKey key;

    /**
     * Presents this certificate and signs with this key.
     *
     * @param certificate the certificate handshakes present
     * @param key the key handshakes are signed with
     */
    public FixedKeyManager(X509Certificate certificate, PrivateKey key) {
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * Presents this certificate and signs with the test kit's key.
     *
     * @param certificate the certificate handshakes present
     * @param key a key of the test kit
     * @return the key manager
     */
    public static FixedKeyManager of(X509Certificate certificate, EcKeyPair key) {
        return new FixedKeyManager(certificate, key.jcaPrivateKey());
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
        return "EC".equals(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? new X509Certificate[] {certificate} : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }
}
