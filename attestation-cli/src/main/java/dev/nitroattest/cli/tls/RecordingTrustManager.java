package dev.nitroattest.cli.tls;

import dev.nitroattest.tls.AttestedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The attested trust manager, judging a server's certificate inside the handshake as any client's would, and
 * remembering what it was shown and whether it accepted it: so that a handshake failing after the certificate was
 * accepted (a server without the certificate's key) can be told from one refused for its certificate.
 */
final class RecordingTrustManager extends X509ExtendedTrustManager {
    private final AttestedTrustManager judge;
    private volatile X509Certificate presented;
    private volatile boolean accepted;

    RecordingTrustManager(AttestedTrustManager judge) {
        this.judge = judge;
    }

    /** The server's certificate, or null if the handshake did not get that far. */
    X509Certificate presented() {
        return presented;
    }

    /** Whether the attested trust manager accepted the certificate. */
    boolean accepted() {
        return accepted;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        record(chain);
        judge.checkServerTrusted(chain, authType, socket);
        accepted = true;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        record(chain);
        judge.checkServerTrusted(chain, authType, engine);
        accepted = true;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        record(chain);
        judge.checkServerTrusted(chain, authType);
        accepted = true;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("nitro-attest tls is a client; it judges no client.");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("nitro-attest tls is a client; it judges no client.");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("nitro-attest tls is a client; it judges no client.");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return judge.getAcceptedIssuers();
    }

    private void record(X509Certificate[] chain) {
        if (chain != null && chain.length > 0) {
            presented = chain[0];
        }
    }
}
