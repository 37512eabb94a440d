package dev.nitroattest.tls;

import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.DocumentRejectedException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The {@link SSLContext}s of attested TLS, for the JDK's {@code HttpClient} and every library that takes one (OkHttp,
 * Apache HttpClient, Netty, gRPC, JDBC drivers...), and the reason a refused handshake was refused.
 *
 * <pre>{@code
 * HttpClient client = HttpClient.newBuilder().sslContext(AttestedTls.clientContext(verifier)).build();
 * try {
 *     client.send(HttpRequest.newBuilder(URI.create("https://enclave.example:8443/")).build(), ofString());
 * } catch (IOException e) {
 *     AttestedTls.refusal(e).ifPresent(r -> log.warn("not the enclave: {} ({})", r.reason(), r.message()));
 * }
 * }</pre>
 */
public final class AttestedTls {
    /** The protocol of every context made here; the trust manager refuses a handshake on an older one. */
    public static final String PROTOCOL = AttestedTrustManager.TLS_1_3;
    /** How deep a cause chain is searched; a chain made into a loop must not loop the search. */
    private static final int MAX_CAUSES = 64;

    private AttestedTls() {
    }

    /**
     * A client context that trusts only attested enclaves this verifier accepts ({@link AttestedTrustManager#of}).
     * Build it once and share it: its trust manager remembers accepted certificates.
     *
     * @param verifier the caller's verifier, with a maximum age ({@code maxAge(...)})
     * @return a TLS 1.3 context with no client key
     * @throws IllegalArgumentException if the verifier accepts documents of any age ({@code anyAge()})
     */
    public static SSLContext clientContext(AttestationVerifier verifier) {
        return context(null, AttestedTrustManager.of(verifier));
    }

    /**
     * A TLS 1.3 context from these managers: an attested client ({@code AttestedTrustManager} alone, or with an
     * enclave's key manager for mutual attestation) or an enclave's server (enclave-tls's key manager, with an {@code
     * AttestedTrustManager} when clients must be attested enclaves too; set {@code needClientAuth} on its sockets,
     * engines or {@code HttpsConfigurator}).
     *
     * @param keyManager the key and certificate presented, or null for none
     * @param trustManager the peer's judge, or null for the JDK's default (ordinary CA-issued certificates)
     * @return the context
     */
    public static SSLContext context(X509ExtendedKeyManager keyManager, X509ExtendedTrustManager trustManager) {
        try {
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(keyManager == null ? null : new KeyManager[] {keyManager},
                    trustManager == null ? null : new TrustManager[] {trustManager}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK offers no " + PROTOCOL + " context (" + e.getMessage()
                    + "); run on JDK 11 or later with TLS 1.3 enabled.", e);
        }
    }

    /**
     * Why the attested trust manager refused a peer, found in the cause chain of what a client library threw (an
     * {@code SSLHandshakeException}, or an {@code IOException} around it). Empty when the failure is something else:
     * an unreachable host, or a handshake that failed after the certificate was accepted, such as a peer that
     * presents an enclave's certificate without holding its key (TLS's signature check refuses that).
     *
     * @param failure what the client library threw
     * @return the refusal, if the trust manager refused
     */
    public static Optional<Refusal> refusal(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof DocumentRejectedException rejected) {
                return Optional.of(new Refusal(rejected.reason().name(), rejected.detail()));
            }
            if (cause instanceof TlsBindingException binding) {
                return Optional.of(new Refusal(binding.reason().name(), binding.getMessage()));
            }
        }
        return Optional.empty();
    }

    /**
     * Why a peer was refused.
     *
     * @param reason the stable code: a {@link dev.nitroattest.attestation.RejectionReason} or a {@link
     *     TlsBindingReason} name
     * @param message one sentence: what is wrong and what to do
     */
    public record Refusal(String reason, String message) {
        /** Checks both are present. */
        public Refusal {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
