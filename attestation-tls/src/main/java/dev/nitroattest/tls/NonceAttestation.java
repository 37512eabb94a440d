package dev.nitroattest.tls;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.text.PrintableText;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Nonce mode, for a session that must be fresh: ask the parent's proxy ({@code POST /v1/attestation}) for a document
 * for a nonce of our own, verify it, and trust exactly the key it carries, which is the enclave's TLS key because the
 * enclave publishes that key as its binding (enclave-tls's {@code AttestedIdentity} does). The proxy, like everything
 * on the parent, is untrusted: it can refuse to answer, never make a document for another key or an old nonce pass.
 *
 * <pre>{@code
 * SSLContext fresh = NonceAttestation.pinnedContext(proxyClient, URI.create("https://parent:8443/v1/attestation"),
 *         verifier);
 * HttpClient client = HttpClient.newBuilder().sslContext(fresh).build();   // for this session only
 * }</pre>
 */
public final class NonceAttestation {
    /** The nonce's length: 32 random bytes. */
    public static final int NONCE_BYTES = 32;
    /** How long the proxy may take to answer. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final SecureRandom RANDOM = new SecureRandom();

    private NonceAttestation() {
    }

    /**
     * Asks the proxy for a document for a fresh random nonce and verifies it for that nonce.
     *
     * @param proxy the HTTP client that reaches the proxy (its TLS, if any, protects nothing the document needs)
     * @param attestationEndpoint the proxy's {@code /v1/attestation} address
     * @param verifier the caller's verifier: anchors, PCR pins, debug policy, maximum age
     * @return the verified document, which carries the caller's nonce
     * @throws IOException if the proxy cannot be reached or does not answer 200 with a document
     * @throws InterruptedException if interrupted while waiting
     * @throws DocumentRejectedException if the document is refused (a nonce other than ours: NONCE_MISMATCH)
     */
    public static VerifiedAttestation fetch(HttpClient proxy, URI attestationEndpoint, AttestationVerifier verifier)
            throws IOException, InterruptedException, DocumentRejectedException {
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(attestationEndpoint, "attestationEndpoint");
        Objects.requireNonNull(verifier, "verifier");
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        String body = "{\"nonce\": \"" + Base64.getEncoder().encodeToString(nonce) + "\"}";
        HttpRequest request = HttpRequest.newBuilder(attestationEndpoint).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/cbor")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<InputStream> response = proxy.send(request, HttpResponse.BodyHandlers.ofInputStream());
        byte[] answer;
        try (InputStream in = response.body()) {
            answer = in.readNBytes(AttestationDocument.MAX_SIZE_LIMIT + 1);
        }
        if (response.statusCode() != 200) {
            throw new IOException("The proxy at " + attestationEndpoint + " answered " + response.statusCode()
                    + " instead of a document: " + PrintableText.escape(new String(answer, StandardCharsets.UTF_8),
                            300));
        }
        if (answer.length > AttestationDocument.MAX_SIZE_LIMIT) {
            throw new IOException("The proxy at " + attestationEndpoint + " answered with more than "
                    + AttestationDocument.MAX_SIZE_LIMIT + " bytes, which is no attestation document.");
        }
        return verifier.verify(answer, Expectations.nonce(nonce));
    }

    /**
     * {@link #fetch}, then a TLS 1.3 client context that trusts exactly the key the verified document carries
     * ({@link AttestedTrustManager#pinnedTo}). Use it for the session that needed the fresh proof; when the enclave
     * rotates its key, handshakes fail with {@link TlsBindingReason#KEY_NOT_PINNED}: call this again.
     *
     * @param proxy the HTTP client that reaches the proxy
     * @param attestationEndpoint the proxy's {@code /v1/attestation} address
     * @param verifier the caller's verifier
     * @return a context pinned to the enclave's current TLS key
     * @throws IOException if the proxy cannot be reached or does not answer with a document
     * @throws InterruptedException if interrupted while waiting
     * @throws DocumentRejectedException if the document is refused
     * @throws TlsBindingException ({@link TlsBindingReason#DOCUMENT_WITHOUT_KEY}) if it carries no key
     */
    public static SSLContext pinnedContext(HttpClient proxy, URI attestationEndpoint, AttestationVerifier verifier)
            throws IOException, InterruptedException, DocumentRejectedException, TlsBindingException {
        return AttestedTls.context(null, AttestedTrustManager.pinnedTo(fetch(proxy, attestationEndpoint, verifier)));
    }
}
