package com.example.attestedtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.ExpectedPcrs;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.tls.AttestedTls;
import dev.nitroattest.tls.enclave.AttestedIdentity;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An enclave application on the emulated NSM serves HTTPS with its attested identity (enclave-tls); the relying
 * service calls it with the JDK's HttpClient and with OkHttp, both on the same attested SSLContext, and both refuse
 * the same server when the service pins another image.
 */
class EnclaveClientTest {
    private static final String PCR0 = "8a495de65538b315df37ec2bd38d9ca25b8bbb076220c250"
            + "5d77b8d00a348a003043095d0b5f9645db1217240125bd8c";
    private static final String OTHER_PCR0 = "0f".repeat(48);
    private static final String ANSWER = "balance: 42";

    private static NsmClient nsm;
    private static AttestedIdentity identity;
    private static HttpsServer enclave;
    private static TrustAnchor emulatedRoot;
    private static URI uri;

    @BeforeAll
    static void startTheEnclaveApplication() throws Exception {
        EmulatedNsm emulated = EmulatedNsm.builder().pcr(0, HexFormat.of().parseHex(PCR0)).build();
        emulatedRoot = TrustAnchor.fromPem(emulated.rootCertificatePem());
        nsm = new NsmClient(emulated);
        identity = AttestedIdentity.builder(nsm).clientMaxAge(Duration.ofMinutes(10)).start();
        enclave = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        enclave.setHttpsConfigurator(new HttpsConfigurator(identity.serverContext()));
        enclave.createContext("/account", exchange -> {
            byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        enclave.start();
        uri = URI.create("https://127.0.0.1:" + enclave.getAddress().getPort() + "/account");
    }

    @AfterAll
    static void stopTheEnclaveApplication() throws Exception {
        enclave.stop(0);
        identity.close();
        nsm.close();
    }

    @Test
    void theJdksHttpClientGetsTheEnclavesAnswer() throws Exception {
        EnclaveClient client = EnclaveClient.forImage(verifier(PCR0));
        assertEquals(ANSWER, client.get(uri));
        assertEquals(ANSWER, client.get(uri), "a second request, on a remembered certificate");
    }

    @Test
    void okHttpOnTheSameSslContextGetsTheEnclavesAnswer() throws Exception {
        EnclaveClient client = EnclaveClient.forImage(verifier(PCR0));
        try (Response response = okHttp(client).newCall(new Request.Builder().url(uri.toString()).build()).execute()) {
            assertEquals(200, response.code());
            assertEquals(ANSWER, response.body().string());
        }
    }

    @Test
    void bothClientsRefuseAnotherImageWithItsReason() {
        EnclaveClient client = EnclaveClient.forImage(verifier(OTHER_PCR0));
        EnclaveRefusedException refused = assertThrows(EnclaveRefusedException.class, () -> client.get(uri));
        assertEquals("PCR_MISMATCH", refused.reason());

        IOException okHttpRefused = assertThrows(IOException.class,
                () -> okHttp(client).newCall(new Request.Builder().url(uri.toString()).build()).execute().close());
        assertEquals("PCR_MISMATCH", AttestedTls.refusal(okHttpRefused).orElseThrow().reason());
    }

    @Test
    void noSecurityProviderWasRegistered() throws Exception {
        EnclaveClient.forImage(verifier(PCR0)).get(uri);
        assertTrue(Arrays.stream(Security.getProviders()).noneMatch(p -> p.getName().equals("BC")),
                "attested TLS registered Bouncy Castle globally");
    }

    /** The service's verifier: the emulator's root (the AWS root in production), the image pinned, 10 minutes. */
    private static AttestationVerifier verifier(String pcr0) {
        return AttestationVerifier.builder().trustAnchors(emulatedRoot)
                .expectPcrs(ExpectedPcrs.builder().accept(0, pcr0).build())
                .maxAge(Duration.ofMinutes(10)).build();
    }

    /**
     * OkHttp on the attested context. Its host-name check is replaced: the certificate names no host, and need not,
     * since the document verified in the handshake is the server's identity; the verifier's PCR pins say which.
     */
    private static OkHttpClient okHttp(EnclaveClient client) {
        return new OkHttpClient.Builder()
                .sslSocketFactory(client.sslContext().getSocketFactory(), client.trustManager())
                .hostnameVerifier((host, session) -> true)
                .build();
    }
}
