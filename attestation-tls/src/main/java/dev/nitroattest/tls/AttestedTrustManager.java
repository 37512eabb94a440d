package dev.nitroattest.tls;

import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.CertificateInfo;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.tls.internal.VerificationCache;
import java.net.Socket;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a TLS peer only when it is an attested enclave: its certificate carries an attestation document (see {@link
 * AttestationExtension}) that the caller's {@link AttestationVerifier} accepts (its root, PCR pins, debug policy and
 * maximum age, which it must have: a verifier of {@code anyAge()} is refused) and whose {@code public_key} is byte
 * for byte the certificate's SubjectPublicKeyInfo. The handshake then proves the peer holds that key (TLS 1.3's
 * CertificateVerify), and only the measured image holds it.
 *
 * <p>Everything else ends the handshake with a {@link CertificateException} whose cause is the {@link
 * DocumentRejectedException} (with its {@link dev.nitroattest.attestation.RejectionReason}) or a {@link
 * TlsBindingException} (with its {@link TlsBindingReason}); {@link AttestedTls#refusal(Throwable)} finds it in what
 * the client library throws. Host names are not checked: the document is the peer's identity, so pin what the image
 * is (PCRs) in the verifier, not a name (docs/attested-tls.md).
 *
 * <p>An accepted certificate is remembered by its exact bytes until the first instant a fresh verification could
 * refuse it (the document's age limit, the certificate's and the NSM chain's expiry), so repeated handshakes with one
 * enclave cost no signature check. The same class checks clients ({@code checkClientTrusted}), for servers that
 * require an attested enclave at the other end too. Thread-safe; share one per verifier.
 *
 * <p><b>Nonce mode</b>: {@link #pinnedTo(VerifiedAttestation)} trusts exactly the key of a document the caller
 * verified for its own nonce ({@link NonceAttestation}), for a session that must be fresh.
 */
public final class AttestedTrustManager extends X509ExtendedTrustManager {
    /** The default number of certificates remembered: one per enclave key a client talks to, with room to spare. */
    public static final int DEFAULT_CACHE_SIZE = 256;
    /** The only protocol accepted when the handshake is visible: TLS 1.3. */
    static final String TLS_1_3 = "TLSv1.3";

    private final AttestationVerifier verifier;
    /** The verifier's maximum age: the longest a document, so an accepted certificate, may be remembered. */
    private final Duration maxAge;
    private final VerificationCache<VerifiedAttestation> cache;
    private final VerifiedAttestation pinned;
    private final Bytes pinnedKey;

    private AttestedTrustManager(AttestationVerifier verifier, Duration maxAge, int cacheSize,
            VerifiedAttestation pinned) {
        this.verifier = verifier;
        this.maxAge = maxAge;
        this.cache = new VerificationCache<>(cacheSize);
        this.pinned = pinned;
        this.pinnedKey = pinned == null ? null : pinned.publicKey().orElseThrow();
    }

    /**
     * A trust manager that verifies each peer's document with this verifier, remembering up to {@value
     * #DEFAULT_CACHE_SIZE} accepted certificates.
     *
     * @param verifier the caller's verifier: its anchors, PCR pins, debug policy and maximum age decide
     * @return the trust manager
     * @throws IllegalArgumentException if the verifier accepts documents of any age ({@code anyAge()})
     */
    public static AttestedTrustManager of(AttestationVerifier verifier) {
        return of(verifier, DEFAULT_CACHE_SIZE);
    }

    /**
     * As {@link #of(AttestationVerifier)}, remembering up to {@code cacheSize} accepted certificates (0: none, every
     * handshake verifies its document afresh).
     *
     * <p>The verifier must have a maximum age ({@code maxAge(...)}): an embedded document carries no nonce, so its
     * age is all that stops a certificate recorded once, with its key stolen from an enclave or kept by an image
     * since retired, from being accepted for ever. A verifier built with {@code anyAge()} is refused here.
     *
     * @param verifier the caller's verifier
     * @param cacheSize how many accepted certificates to remember, 0 or more
     * @return the trust manager
     * @throws IllegalArgumentException if the verifier accepts documents of any age ({@code anyAge()}), or
     *     {@code cacheSize} is negative
     */
    public static AttestedTrustManager of(AttestationVerifier verifier, int cacheSize) {
        Objects.requireNonNull(verifier, "verifier");
        Duration maxAge = verifier.maxAge().orElseThrow(() -> new IllegalArgumentException("The verifier accepts "
                + "documents of any age (anyAge()), so an enclave's certificate recorded once would be accepted "
                + "for ever with its key: build it with maxAge(...), the clientMaxAge the enclave renews within (10 "
                + "minutes by default), or use NonceAttestation for a session that needs a fresh document."));
        if (cacheSize < 0) {
            throw new IllegalArgumentException("The cache size cannot be negative; " + cacheSize + " was given.");
        }
        return new AttestedTrustManager(verifier, maxAge, cacheSize, null);
    }

    /**
     * Nonce mode: trusts exactly the key of a document the caller verified for its own nonce (the enclave's
     * binding, which its application publishes as its TLS key), whatever the certificate otherwise holds. A peer
     * with any other key is refused with {@link TlsBindingReason#KEY_NOT_PINNED}; after the enclave rotates its key,
     * fetch a document again.
     *
     * @param attestation a document verified with the caller's own fresh nonce
     * @return the trust manager
     * @throws TlsBindingException ({@link TlsBindingReason#DOCUMENT_WITHOUT_KEY}) if the document carries no
     *     public_key
     */
    public static AttestedTrustManager pinnedTo(VerifiedAttestation attestation) throws TlsBindingException {
        Objects.requireNonNull(attestation, "attestation");
        if (attestation.publicKey().isEmpty()) {
            throw new TlsBindingException(TlsBindingReason.DOCUMENT_WITHOUT_KEY, "The enclave's document carries no "
                    + "public_key, so there is no TLS key to pin: its application must publish its TLS key as the "
                    + "enclave's binding (enclave-tls does).");
        }
        return new AttestedTrustManager(null, null, 0, attestation);
    }

    /**
     * Verifies one certificate as a handshake would (without the proof of possession that only a handshake gives):
     * for a certificate taken from a session, or a diagnostic tool.
     *
     * @param certificate the peer's certificate
     * @return the verified document (in nonce mode, the pinned one)
     * @throws CertificateException if refused; its cause is a {@link DocumentRejectedException} or a {@link
     *     TlsBindingException}
     */
    public VerifiedAttestation verify(X509Certificate certificate) throws CertificateException {
        Objects.requireNonNull(certificate, "certificate");
        try {
            return pinned != null ? checkPinned(certificate) : checkAttested(certificate);
        } catch (TlsBindingException | DocumentRejectedException e) {
            throw refused(e);
        }
    }

    /**
     * The verified document of an established session's peer, from the cache when it is there.
     *
     * @param session an established session whose peer this trust manager accepted
     * @return the peer's verified document
     * @throws CertificateException if the peer presented no certificate or it is refused now
     */
    public VerifiedAttestation attestationOf(SSLSession session) throws CertificateException {
        Objects.requireNonNull(session, "session");
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            throw refused(noCertificate());
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            throw refused(noCertificate());
        }
        return verify(leaf);
    }

    /**
     * The key JSSE verifies the handshake's signature with is the certificate object's own: comparing that with the
     * pinned key is the whole check, so the certificate's bytes are neither encoded nor parsed here.
     */
    private VerifiedAttestation checkPinned(X509Certificate certificate) throws TlsBindingException {
        PublicKey key = certificate.getPublicKey();
        byte[] encoded = key == null ? null : key.getEncoded();
        if (encoded == null || !pinnedKey.constantTimeEquals(encoded)) {
            throw notPinned();
        }
        return pinned;
    }

    private static TlsBindingException notPinned() {
        return new TlsBindingException(TlsBindingReason.KEY_NOT_PINNED, "The peer's certificate key is not the key "
                + "the enclave's document for our nonce carries: the peer is not that enclave, or the enclave has "
                + "rotated its key since, so fetch a document for a new nonce and connect again.");
    }

    private VerifiedAttestation checkAttested(X509Certificate certificate)
            throws TlsBindingException, DocumentRejectedException {
        Instant now = verifier.clock().instant();
        byte[] encoded = AttestedCertificate.encoded(certificate);
        Bytes der = Bytes.of(encoded);
        VerifiedAttestation cached = cache.get(der, now);
        if (cached != null) {
            return cached;
        }
        AttestedCertificate attested = AttestedCertificate.read(certificate, encoded, der);
        if (now.isAfter(attested.notAfter())) {
            throw new TlsBindingException(TlsBindingReason.CERTIFICATE_EXPIRED, "The peer's certificate expired at "
                    + attested.notAfter() + " (now " + now + "): an enclave renews it before then, so this one is "
                    + "replayed or the enclave has stopped renewing; check both clocks.");
        }
        if (now.isBefore(attested.notBefore())) {
            throw new TlsBindingException(TlsBindingReason.CERTIFICATE_NOT_YET_VALID, "The peer's certificate is "
                    + "valid only from " + attested.notBefore() + " (now " + now + "); check this machine's clock.");
        }
        VerifiedAttestation attestation = verifier.verify(attested.document(),
                Expectations.withoutNonce().withPublicKey(attested.subjectPublicKeyInfo().toByteArray()));
        cache.put(der, attestation, now, until(attested, attestation));
        return attestation;
    }

    /** The first instant at which a fresh verification could refuse what was just accepted. */
    private Instant until(AttestedCertificate certificate, VerifiedAttestation attestation) {
        Instant until = certificate.notAfter();
        Instant tooOld = plus(attestation.timestamp(), maxAge);
        until = tooOld.isBefore(until) ? tooOld : until;
        for (CertificateInfo link : attestation.certificateChain()) {
            until = link.notAfter().isBefore(until) ? link.notAfter() : until;
        }
        return until;
    }

    private static Instant plus(Instant instant, Duration duration) {
        return Duration.between(instant, Instant.MAX).compareTo(duration) <= 0 ? Instant.MAX : instant.plus(duration);
    }

    private void check(X509Certificate[] chain, SSLSession handshake) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw refused(noCertificate());
        }
        if (handshake != null && !TLS_1_3.equals(handshake.getProtocol())) {
            throw refused(new TlsBindingException(TlsBindingReason.NOT_TLS_1_3, "The handshake negotiated "
                    + handshake.getProtocol() + "; attested TLS requires TLS 1.3, so enable it on both ends."));
        }
        verify(chain[0]);
    }

    private static TlsBindingException noCertificate() {
        return new TlsBindingException(TlsBindingReason.NO_CERTIFICATE, "The peer presented no certificate, so it "
                + "cannot be an attested enclave; a server requiring attested clients must be given one.");
    }

    private static CertificateException refused(Exception cause) {
        return new CertificateException("The peer is not an accepted attested enclave: " + cause.getMessage(), cause);
    }

    private static SSLSession handshakeOf(Socket socket) {
        return socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null;
    }

    private static SSLSession handshakeOf(SSLEngine engine) {
        return engine == null ? null : engine.getHandshakeSession();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, handshakeOf(socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, handshakeOf(engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, handshakeOf(socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, handshakeOf(engine));
    }

    /** No issuer: an attested certificate is self-signed, and a server asking for a client's names none. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    /** How many accepted certificates are remembered now; for tests. */
    int cachedCertificates() {
        return cache.size();
    }
}
