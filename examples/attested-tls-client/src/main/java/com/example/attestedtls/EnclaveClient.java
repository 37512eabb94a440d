package com.example.attestedtls;

import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.tls.AttestedTls;
import dev.nitroattest.tls.AttestedTrustManager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Calls an enclave's application over attested TLS with the JDK's {@link HttpClient}: every connection's handshake
 * verifies the document in the server's certificate with the service's own verifier (its root, its PCR pins, the
 * oldest document it accepts), so a request only ever leaves for the measured image, however the parent instance
 * in between routes the bytes. Host names are not checked: the document is the server's identity, which is why the
 * verifier must pin the image.
 *
 * <p>Build one per enclave image and share it: the trust manager remembers verified certificates, so repeated
 * handshakes with one enclave cost no signature check.
 */
public final class EnclaveClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final AttestedTrustManager trustManager;
    private final SSLContext sslContext;
    private final HttpClient http;

    private EnclaveClient(AttestationVerifier verifier) {
        this.trustManager = AttestedTrustManager.of(verifier);
        this.sslContext = AttestedTls.context(null, trustManager);
        this.http = HttpClient.newBuilder().sslContext(sslContext).connectTimeout(TIMEOUT).build();
    }

    /**
     * A client that talks only to enclaves this verifier accepts.
     *
     * @param verifier pinning the image (PCR0, 1, 2 or 8) and bounding the documents' age
     */
    public static EnclaveClient forImage(AttestationVerifier verifier) {
        return new EnclaveClient(Objects.requireNonNull(verifier, "verifier"));
    }

    /**
     * GETs a resource of the enclave's application.
     *
     * @return the body, for a 2xx answer
     * @throws EnclaveRefusedException if the server is not an accepted attested enclave, with the reason
     * @throws IOException if the enclave cannot be reached or answers with an error status
     */
    public String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            Optional<AttestedTls.Refusal> refusal = AttestedTls.refusal(e);
            if (refusal.isPresent()) {
                throw new EnclaveRefusedException(refusal.get().reason(), refusal.get().message(), e);
            }
            throw e;
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("The enclave answered " + response.statusCode() + " to GET " + uri + ".");
        }
        return response.body();
    }

    /** The SSLContext, for any other client library that takes one (OkHttp, Apache HttpClient, Netty, gRPC...). */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** The trust manager inside {@link #sslContext()}, for the libraries that also ask for it (OkHttp). */
    public AttestedTrustManager trustManager() {
        return trustManager;
    }
}
