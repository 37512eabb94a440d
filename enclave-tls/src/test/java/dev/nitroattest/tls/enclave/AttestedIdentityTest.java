package dev.nitroattest.tls.enclave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.nitroattest.agent.binding.EnclaveBinding;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.ExpectedPcrs;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.testkit.EngineHandshake;
import dev.nitroattest.testkit.MutableClock;
import dev.nitroattest.tls.AttestationExtension;
import dev.nitroattest.tls.AttestedCertificate;
import dev.nitroattest.tls.AttestedTls;
import dev.nitroattest.tls.AttestedTrustManager;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The enclave's attested TLS identity on the emulated NSM, judged by attestation-tls as a relying service would. */
@Timeout(60)
class AttestedIdentityTest {
    static final byte[] PCR0 = filled(0x11);

    @TempDir
    Path directory;

    private EmulatedNsm emulator;
    private NsmClient nsm;
    private AttestationVerifier verifier;

    @BeforeEach
    void anEnclaveOfOneImage() throws Exception {
        emulator = EmulatedNsm.builder().pcr(0, PCR0).pcr(1, filled(0x22)).pcr(2, filled(0x33)).build();
        nsm = new NsmClient(emulator);
        verifier = verifierFor(emulator);
    }

    @AfterEach
    void close() {
        nsm.close();
    }

    static AttestationVerifier verifierFor(EmulatedNsm emulator) throws Exception {
        return AttestationVerifier.builder().trustAnchors(TrustAnchor.fromPem(emulator.rootCertificatePem()))
                .expectPcrs(ExpectedPcrs.builder().accept(0, Bytes.of(PCR0).toHex()).build())
                .maxAge(Duration.ofMinutes(10)).build();
    }

    @Test
    void theCertificateCarriesTheNsmsDocumentForItsOwnKeyInANonCriticalExtension() throws Exception {
        try (AttestedIdentity identity = AttestedIdentity.builder(nsm).create()) {
            X509Certificate certificate = identity.certificate();
            assertTrue(certificate.getNonCriticalExtensionOIDs().contains(AttestationExtension.OID));
            assertTrue(certificate.getCriticalExtensionOIDs().isEmpty());
            assertEquals(3, certificate.getVersion());
            certificate.verify(certificate.getPublicKey());
            assertArrayEquals(certificate.getPublicKey().getEncoded(), identity.publicKey().toByteArray());
            assertEquals(identity.publicKey(), AttestedCertificate.of(certificate).subjectPublicKeyInfo());
            VerifiedAttestation attestation = AttestedTrustManager.of(verifier).verify(certificate);
            assertEquals(identity.publicKey(), attestation.publicKey().orElseThrow());
            assertTrue(attestation.nonce().isEmpty() && attestation.userData().isEmpty());
            assertEquals(attestation.timestamp().plus(Duration.ofMinutes(10)).getEpochSecond(),
                    certificate.getNotAfter().toInstant().getEpochSecond(), "it expires when clients refuse it");
        }
    }

    @Test
    void theJdkHttpClientGetsTheEnclavesAnswerFromAnHttpsServerWithTheIdentity() throws Exception {
        try (AttestedIdentity identity = AttestedIdentity.builder(nsm).create()) {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(identity.serverContext()));
            server.createContext("/", exchange -> {
                byte[] answer = "hello from the enclave".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            try {
                HttpClient client = HttpClient.newBuilder().sslContext(AttestedTls.clientContext(verifier))
                        .connectTimeout(Duration.ofSeconds(10)).build();
                URI uri = URI.create("https://localhost:" + server.getAddress().getPort() + "/");
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals("hello from the enclave", response.body());
                assertEquals("TLSv1.3", response.sslSession().orElseThrow().getProtocol());
            } finally {
                server.stop(0);
            }
        }
    }

    @Test
    void renewalPresentsANewDocumentForTheSameKey() throws Exception {
        try (AttestedIdentity identity = AttestedIdentity.builder(nsm).create()) {
            X509Certificate first = identity.certificate();
            identity.renew();
            X509Certificate second = identity.certificate();
            assertFalse(Arrays.equals(first.getEncoded(), second.getEncoded()));
            assertArrayEquals(first.getPublicKey().getEncoded(), second.getPublicKey().getEncoded());
            AttestedTrustManager.of(verifier).verify(second);
        }
    }

    @Test
    void rotationPresentsANewKeyAndPublishesItAsTheEnclavesBinding() throws Exception {
        Path binding = directory.resolve("binding.cbor");
        try (AttestedIdentity identity = AttestedIdentity.builder(nsm).bindingFile(binding).create()) {
            Bytes first = identity.publicKey();
            assertEquals(EnclaveBinding.of(first.toByteArray(), null),
                    EnclaveBinding.decode(Files.readAllBytes(binding)));
            identity.rotateKey();
            Bytes second = identity.publicKey();
            assertNotEquals(first, second);
            assertEquals(EnclaveBinding.of(second.toByteArray(), null),
                    EnclaveBinding.decode(Files.readAllBytes(binding)));
            assertEquals(second, AttestedTrustManager.of(verifier).verify(identity.certificate()).publicKey()
                    .orElseThrow());
        }
    }

    @Test
    void noHandshakeFailsWhileTheIdentityRenewsAndRotates() throws Exception {
        try (AttestedIdentity identity = AttestedIdentity.builder(nsm).create()) {
            SSLContext server = identity.serverContext();
            SSLContext client = AttestedTls.clientContext(verifier);
            AtomicBoolean swapping = new AtomicBoolean(true);
            CopyOnWriteArrayList<Throwable> swapFailures = new CopyOnWriteArrayList<>();
            Thread swapper = new Thread(() -> {
                try {
                    for (int i = 0; i < 40; i++) {
                        if (i % 4 == 0) {
                            identity.rotateKey();
                        } else {
                            identity.renew();
                        }
                    }
                } catch (Exception e) {
                    swapFailures.add(e);
                } finally {
                    swapping.set(false);
                }
            });
            swapper.start();
            int handshakes = 0;
            while (swapping.get() || handshakes < 20) {
                assertEquals("TLSv1.3", EngineHandshake.run(client, server, false).getProtocol());
                handshakes++;
            }
            swapper.join();
            assertEquals(List.of(), swapFailures);
            assertTrue(handshakes >= 20);
        }
    }

    @Test
    void aCertificateWhoseDocumentClientsWouldFindTooOldIsNeverPresented() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (AttestedIdentity identity = AttestedIdentity.builder(nsm).clock(clock).create()) {
            X509Certificate certificate = identity.certificate();
            assertEquals("attested-1", identity.keyManager().chooseServerAlias("EC", null, null));
            clock.set(certificate.getNotAfter().toInstant().plusSeconds(1));
            assertNull(identity.keyManager().chooseServerAlias("EC", null, null));
            assertNull(identity.keyManager().chooseEngineServerAlias("EC", null, null));
            assertThrows(SSLHandshakeException.class, () -> EngineHandshake.run(AttestedTls.clientContext(verifier),
                    identity.serverContext(), false));
        }
    }

    @Test
    void onlyAnEcKeyTypeIsOffered() throws Exception {
        try (AttestedIdentity identity = AttestedIdentity.builder(nsm).create()) {
            assertNull(identity.keyManager().chooseServerAlias("RSA", null, null));
            assertNull(identity.keyManager().chooseClientAlias(new String[] {"RSA"}, null, null));
            assertEquals("attested-1", identity.keyManager().chooseClientAlias(new String[] {"RSA", "EC"}, null, null));
            assertNull(identity.keyManager().getPrivateKey("another alias"));
            assertNull(identity.keyManager().getCertificateChain("another alias"));
        }
    }

    @Test
    void theScheduleRenewsAndRotatesByItself() throws Exception {
        Path binding = directory.resolve("binding.cbor");
        CopyOnWriteArrayList<Throwable> failures = new CopyOnWriteArrayList<>();
        try (AttestedIdentity identity = AttestedIdentity.builder(nsm).clientMaxAge(Duration.ofSeconds(30))
                .renewEvery(Duration.ofMillis(100)).keyRotation(Duration.ofMillis(400)).bindingFile(binding)
                .onFailure(failures::add).start()) {
            X509Certificate first = identity.certificate();
            Bytes firstKey = identity.publicKey();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (identity.publicKey().equals(firstKey) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertNotEquals(firstKey, identity.publicKey(), "a new key within 30 s");
            assertNotEquals(first, identity.certificate());
            AttestedTrustManager.of(verifier).verify(identity.certificate());
            assertEquals(List.of(), failures);
        }
    }

    @Test
    void periodsThatContradictEachOtherAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AttestedIdentity.builder(nsm)
                .clientMaxAge(Duration.ofMinutes(5)).renewEvery(Duration.ofMinutes(5)).create());
        assertThrows(IllegalArgumentException.class, () -> AttestedIdentity.builder(nsm)
                .renewEvery(Duration.ofMinutes(2)).keyRotation(Duration.ofMinutes(1)).create());
        assertThrows(IllegalArgumentException.class, () -> AttestedIdentity.builder(nsm).clientMaxAge(Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> AttestedIdentity.builder(nsm).keyRotation(Duration.ofSeconds(-1)));
    }

    static byte[] filled(int value) {
        byte[] bytes = new byte[48];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
