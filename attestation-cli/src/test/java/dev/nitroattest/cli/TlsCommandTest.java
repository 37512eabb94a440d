package dev.nitroattest.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.testkit.CertificateSpec;
import dev.nitroattest.testkit.DocumentBuilder;
import dev.nitroattest.testkit.EcCurve;
import dev.nitroattest.testkit.EcKeyPair;
import dev.nitroattest.testkit.TestCertificates;
import dev.nitroattest.tls.AttestationExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tls}: a real TLS 1.3 handshake with a server on 127.0.0.1 presenting a certificate made of the test kit's
 * parts; each way a server is refused gives its reason and exit status 1, a server with no certificate to judge 3.
 */
@Timeout(60)
class TlsCommandTest {
    /** The test kit's documents are made at the PKI's document time: the tool runs a minute later. */
    private static final Instant NOW = TestFiles.DOCUMENT_TIME.plusSeconds(60);
    private static final EcKeyPair ENCLAVE_KEY = EcKeyPair.derive(EcCurve.P384, "the enclave's TLS key");
    private static final EcKeyPair PARENT_KEY = EcKeyPair.derive(EcCurve.P384, "the parent's own key");
    private static final String PCR0 = pcr0();

    @TempDir
    Path directory;

    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    @Test
    void theEnclavesCertificateVerifiesFromARealHandshake() throws Exception {
        String target = serve(attested(ENCLAVE_KEY, TestFiles.builder()), ENCLAVE_KEY);
        Cli.Result result = run(target, "--pcr", "0=" + PCR0);
        assertAll(
                () -> assertEquals(0, result.exitCode(), result::toString),
                () -> assertEquals("", result.err(), result::toString),
                () -> assertEquals("VERIFIED " + target + " module=" + TestFiles.PKI.moduleId() + " time="
                        + TestFiles.DOCUMENT_TIME + " protocol=TLSv1.3\n", result.out()));
    }

    @Test
    void jsonCarriesTheVerdictTheHandshakeAndTheDocument() throws Exception {
        String target = serve(attested(ENCLAVE_KEY, TestFiles.builder()), ENCLAVE_KEY);
        Cli.Result result = run(target, "--pcr", "0=" + PCR0, "--json");
        Map<String, Object> json = JsonTestReader.object(result.out().strip());
        assertAll(
                () -> assertEquals(0, result.exitCode(), result::toString),
                () -> assertEquals(List.of("target", "verified", "reason", "detail", "protocol",
                        "tls_certificate_sha256", "kind", "module_id", "timestamp", "digest", "debug_enclave", "pcrs",
                        "public_key", "user_data", "nonce", "certificate", "verification_time"),
                        List.copyOf(json.keySet())),
                () -> assertEquals(target, json.get("target")),
                () -> assertEquals(true, json.get("verified")),
                () -> assertEquals("TLSv1.3", json.get("protocol")),
                () -> assertEquals(HexFormat.of().formatHex(ENCLAVE_KEY.subjectPublicKeyInfo()),
                        json.get("public_key")),
                () -> assertEquals(NOW.toString(), json.get("verification_time")));
    }

    @Test
    void anotherImageIsRefusedWithItsReason() throws Exception {
        String target = serve(attested(ENCLAVE_KEY, TestFiles.builder()), ENCLAVE_KEY);
        Cli.Result result = run(target, "--pcr", "0=" + "0f".repeat(48));
        assertRefused(result, target, "PCR_MISMATCH");
    }

    @Test
    void aGenuineDocumentForAnotherKeyIsRefused() throws Exception {
        // The parent terminates TLS with its own key, in a certificate carrying the enclave's genuine document.
        byte[] enclavesDocument = TestFiles.builder().publicKey(ENCLAVE_KEY.subjectPublicKeyInfo()).build();
        String target = serve(x509(certificate(PARENT_KEY).extraExtension(AttestationExtension.OID, false,
                AttestationExtension.value(enclavesDocument))), PARENT_KEY);
        Cli.Result result = run(target, "--pcr", "0=" + PCR0);
        assertRefused(result, target, "PUBLIC_KEY_MISMATCH");
        assertTrue(!result.out().contains("PUBLIC_KEY_MISMATCH: PUBLIC_KEY_MISMATCH"), result::toString);
    }

    @Test
    void anOrdinaryCertificateIsRefused() throws Exception {
        String target = serve(x509(certificate(PARENT_KEY)), PARENT_KEY);
        Cli.Result result = run(target, "--pcr", "0=" + PCR0, "--json");
        Map<String, Object> json = JsonTestReader.object(result.out().strip());
        assertAll(
                () -> assertEquals(1, result.exitCode(), result::toString),
                () -> assertEquals(false, json.get("verified")),
                () -> assertEquals("NO_ATTESTATION_EXTENSION", json.get("reason")),
                () -> assertEquals(null, json.get("module_id")));
    }

    @Test
    void theEnclavesCertificateWithoutItsKeyIsRefused() throws Exception {
        // A man in the middle replays the enclave's genuine certificate and document but signs with its own key.
        String target = serve(attested(ENCLAVE_KEY, TestFiles.builder()), PARENT_KEY);
        Cli.Result result = run(target, "--pcr", "0=" + PCR0);
        assertRefused(result, target, "KEY_NOT_PROVEN");
        assertTrue(result.out().contains("did not prove it holds the certificate's key"), result::toString);
    }

    @Test
    void aDocumentOlderThanTheDefaultAgeIsRefused() throws Exception {
        String target = serve(attested(ENCLAVE_KEY, TestFiles.builder()), ENCLAVE_KEY);
        Cli.Result old = Cli.runAt(TestFiles.DOCUMENT_TIME.plus(Duration.ofMinutes(11)), "tls", "--trust-anchor",
                new TestFiles(directory).root(), "--pcr", "0=" + PCR0, target);
        assertRefused(old, target, "DOCUMENT_TOO_OLD");
        Cli.Result allowed = Cli.runAt(TestFiles.DOCUMENT_TIME.plus(Duration.ofMinutes(11)), "tls", "--trust-anchor",
                new TestFiles(directory).root(), "--pcr", "0=" + PCR0, "--max-age", "1h", target);
        assertEquals(0, allowed.exitCode(), allowed::toString);
    }

    @Test
    void aDebugEnclaveIsRefusedUnlessAllowed() throws Exception {
        String target = serve(attested(ENCLAVE_KEY, TestFiles.builder().debugMode()), ENCLAVE_KEY);
        assertRefused(run(target), target, "DEBUG_ENCLAVE");
        assertEquals(0, run(target, "--allow-debug").exitCode());
    }

    @Test
    void aDocumentUnderAnotherRootIsRefused() throws Exception {
        String target = serve(attested(ENCLAVE_KEY, TestFiles.builder()), ENCLAVE_KEY);
        Cli.Result result = Cli.runAt(NOW, "tls", "--pcr", "0=" + PCR0, target);
        assertRefused(result, target, "UNTRUSTED_CHAIN");
    }

    @Test
    void nobodyListeningIsStatus3InOneSentence() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Cli.Result result = run("127.0.0.1:" + port, "--pcr", "0=" + PCR0);
        Cli.assertUnreadable(result, "Cannot connect to 127.0.0.1:" + port);

        Cli.Result json = run("127.0.0.1:" + port, "--pcr", "0=" + PCR0, "--json");
        assertEquals(3, json.exitCode());
        assertEquals("UNREACHABLE", JsonTestReader.object(json.out().strip()).get("reason"));
    }

    @Test
    void aServerThatSpeaksNoTlsIsStatus3() throws Exception {
        ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        servers.add(plain);
        Thread answer = new Thread(() -> {
            try (Socket client = plain.accept()) {
                client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
            } catch (IOException e) {
                // The test ends either way.
            }
        });
        answer.setDaemon(true);
        answer.start();
        Cli.Result result = run("127.0.0.1:" + plain.getLocalPort(), "--pcr", "0=" + PCR0);
        Cli.assertUnreadable(result, "completed no TLS handshake as far as a certificate");
    }

    @Test
    void aWrongCommandLineIsAUsageError() {
        Cli.assertUsageError(Cli.run("tls", "enclave.example"), "is not HOST:PORT");
        Cli.assertUsageError(Cli.run("tls", "[::1]8443"), "is not HOST:PORT");
        Cli.assertUsageError(Cli.run("tls", "enclave.example:0"), "is not HOST:PORT");
        Cli.assertUsageError(Cli.run("tls", "--json", "--quiet", "enclave.example:8443"),
                "--json and --quiet cannot be combined");
        Cli.assertUsageError(Cli.run("tls", "--max-age", "0s", "enclave.example:8443"), "is not a positive duration");
    }

    private Cli.Result run(String target, String... options) {
        List<String> args = new ArrayList<>(List.of("tls", "--trust-anchor", new TestFiles(directory).root()));
        args.addAll(List.of(options));
        args.add(target);
        return Cli.runAt(NOW, args.toArray(String[]::new));
    }

    private static void assertRefused(Cli.Result result, String target, String reason) {
        Cli.assertNoStackTrace(result);
        assertAll(
                () -> assertEquals(1, result.exitCode(), result::toString),
                () -> assertTrue(result.out().startsWith("REJECTED " + target + " " + reason + ": "),
                        result::toString),
                () -> assertEquals(1, result.outLines().size(), result::toString));
    }

    private String serve(X509Certificate certificate, EcKeyPair signingKey) throws Exception {
        AttestedTestServer server = new AttestedTestServer(certificate, signingKey);
        servers.add(server);
        return server.target();
    }

    /** A certificate for this key carrying a document from this builder, bound to the same key. */
    private static X509Certificate attested(EcKeyPair key, DocumentBuilder document) throws Exception {
        return x509(certificate(key).extraExtension(AttestationExtension.OID, false,
                AttestationExtension.value(document.publicKey(key.subjectPublicKeyInfo()).build())));
    }

    private static CertificateSpec.Builder certificate(EcKeyPair key) {
        return CertificateSpec.builder().subject("CN=attested enclave").subjectKey(key).serial(BigInteger.TEN)
                .validity(NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(1)));
    }

    private static X509Certificate x509(CertificateSpec.Builder spec) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(TestCertificates.issue(spec.build()).der()));
    }

    private static String pcr0() {
        try {
            return AttestationDocument.parse(TestFiles.builder().build()).pcrs().get(0).orElseThrow().toHex();
        } catch (DocumentRejectedException e) {
            throw new AssertionError("the test kit's document does not parse", e);
        }
    }
}
