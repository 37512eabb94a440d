package dev.nitroattest.tls.enclave;

import static dev.nitroattest.tls.enclave.AttestedIdentityTest.filled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.nitroattest.agent.binding.EnclaveBinding;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.attestation.RejectionReason;
import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.NsmRequest;
import dev.nitroattest.nsm.emulated.EmulatedAuthority;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.testkit.EngineHandshake;
import dev.nitroattest.tls.AttestedTls;
import dev.nitroattest.tls.AttestedTrustManager;
import dev.nitroattest.tls.NonceAttestation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enclave-to-enclave TLS, where each end requires the other to be attested, and nonce mode, where a client pins the
 * key of a document fetched for its own nonce through a stand-in for the parent's proxy (which, as the agent does,
 * asks the NSM for the client's nonce and the key the enclave published in its binding file).
 */
@Timeout(60)
class MutualAndNonceModeTest {
    private static final Pattern NONCE = Pattern.compile("\"nonce\": \"([A-Za-z0-9+/=]+)\"");

    @TempDir
    Path directory;

    private final EmulatedAuthority authority = EmulatedAuthority.testPki("attested TLS, one region");
    private EmulatedNsm emulator;
    private NsmClient nsm;
    private AttestationVerifier verifier;

    @BeforeEach
    void anEnclaveOfOneImage() throws Exception {
        emulator = EmulatedNsm.builder().authority(authority).pcr(0, AttestedIdentityTest.PCR0)
                .pcr(1, filled(0x22)).pcr(2, filled(0x33)).build();
        nsm = new NsmClient(emulator);
        verifier = AttestedIdentityTest.verifierFor(emulator);
    }

    @AfterEach
    void close() {
        nsm.close();
    }

    @Test
    void twoEnclavesOfTheImageTalkWithEachRequiringTheOtherAttested() throws Exception {
        try (AttestedIdentity server = AttestedIdentity.builder(nsm).create();
                AttestedIdentity client = AttestedIdentity.builder(nsm).create()) {
            AttestedTrustManager serversJudge = AttestedTrustManager.of(verifier);
            var session = EngineHandshake.run(client.context(AttestedTrustManager.of(verifier)),
                    server.context(serversJudge), true);
            assertEquals("TLSv1.3", session.getProtocol());
            assertEquals(server.publicKey(), AttestedTrustManager.of(verifier).attestationOf(session).publicKey()
                    .orElseThrow());
        }
    }

    @Test
    void anEnclaveRequiringAttestedClientsRefusesADebugEnclaveAndAClientWithoutAKey() throws Exception {
        try (NsmClient debugNsm = new NsmClient(EmulatedNsm.builder().authority(authority).build());
                AttestedIdentity server = AttestedIdentity.builder(nsm).create();
                AttestedIdentity debugClient = AttestedIdentity.builder(debugNsm).create()) {
            SSLContext serverContext = server.context(AttestedTrustManager.of(verifier));
            SSLHandshakeException refused = assertThrows(SSLHandshakeException.class, () -> EngineHandshake.run(
                    debugClient.context(AttestedTrustManager.of(verifier)), serverContext, true));
            assertEquals("DEBUG_ENCLAVE", AttestedTls.refusal(refused).orElseThrow().reason());
            SSLHandshakeException keyless = assertThrows(SSLHandshakeException.class,
                    () -> EngineHandshake.run(AttestedTls.clientContext(verifier), serverContext, true));
            // TLS itself refuses a client that presents no certificate (bad_certificate, certificate_required or an
            // empty chain, by JDK): no document is judged, so there is no attested refusal to name.
            assertTrue(AttestedTls.refusal(keyless).isEmpty(), keyless::toString);
            assertTrue(String.valueOf(keyless.getMessage()).toLowerCase(Locale.ROOT).contains("certificate"),
                    keyless::toString);
        }
    }

    @Test
    void nonceModePinsTheKeyOfTheDocumentForOurNonceAndARotatedKeyIsRefusedUntilFetchedAgain() throws Exception {
        Path binding = directory.resolve("binding.cbor");
        try (AttestedIdentity identity = AttestedIdentity.builder(nsm).bindingFile(binding).create()) {
            HttpServer proxy = proxy(binding, new AtomicBoolean());
            try {
                URI endpoint = endpoint(proxy);
                HttpClient plain = HttpClient.newHttpClient();
                SSLContext pinned = NonceAttestation.pinnedContext(plain, endpoint, verifier);
                assertEquals("TLSv1.3", EngineHandshake.run(pinned, identity.serverContext(), false).getProtocol());
                identity.rotateKey();
                SSLHandshakeException stale = assertThrows(SSLHandshakeException.class,
                        () -> EngineHandshake.run(pinned, identity.serverContext(), false));
                assertEquals("KEY_NOT_PINNED", AttestedTls.refusal(stale).orElseThrow().reason());
                SSLContext again = NonceAttestation.pinnedContext(plain, endpoint, verifier);
                assertEquals("TLSv1.3", EngineHandshake.run(again, identity.serverContext(), false).getProtocol());
            } finally {
                proxy.stop(0);
            }
        }
    }

    @Test
    void aProxyThatAnswersWithADocumentForAnotherNonceIsCaught() throws Exception {
        Path binding = directory.resolve("binding.cbor");
        try (AttestedIdentity identity = AttestedIdentity.builder(nsm).bindingFile(binding).create()) {
            HttpServer proxy = proxy(binding, new AtomicBoolean(true));
            try {
                DocumentRejectedException rejected = assertThrows(DocumentRejectedException.class,
                        () -> NonceAttestation.fetch(HttpClient.newHttpClient(), endpoint(proxy), verifier));
                assertEquals(RejectionReason.NONCE_MISMATCH, rejected.reason());
            } finally {
                proxy.stop(0);
            }
        }
    }

    @Test
    void aProxyErrorIsAnIoExceptionNamingTheStatus() throws Exception {
        HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.createContext("/v1/attestation", exchange -> {
            byte[] body = "{\"error\": \"ENCLAVE_UNAVAILABLE\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        proxy.start();
        try {
            IOException failed = assertThrows(IOException.class,
                    () -> NonceAttestation.fetch(HttpClient.newHttpClient(), endpoint(proxy), verifier));
            assertTrue(failed.getMessage().contains("answered 503 instead of a document"), failed.getMessage());
            assertTrue(failed.getMessage().contains("ENCLAVE_UNAVAILABLE"), failed.getMessage());
        } finally {
            proxy.stop(0);
        }
    }

    private static URI endpoint(HttpServer proxy) {
        return URI.create("http://127.0.0.1:" + proxy.getAddress().getPort() + "/v1/attestation");
    }

    /** What the proxy and agent do for POST /v1/attestation: the client's nonce, the enclave's published key. */
    private HttpServer proxy(Path binding, AtomicBoolean replay) throws IOException {
        HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.createContext("/v1/attestation", exchange -> {
            try {
                Matcher nonce = NONCE.matcher(new String(exchange.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8));
                assertTrue(nonce.find());
                byte[] clientNonce = Base64.getDecoder().decode(nonce.group(1));
                byte[] key = EnclaveBinding.decode(Files.readAllBytes(binding)).publicKey().orElseThrow()
                        .toByteArray();
                byte[] document = nsm.attestation(NsmRequest.Attestation.of(null,
                        replay.get() ? new byte[32] : clientNonce, key)).toByteArray();
                exchange.getResponseHeaders().add("Content-Type", "application/cbor");
                exchange.sendResponseHeaders(200, document.length);
                exchange.getResponseBody().write(document);
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        proxy.start();
        return proxy;
    }
}
