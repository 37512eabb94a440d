package dev.nitroattest.tools.tls;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.tls.AttestationExtension;
import dev.nitroattest.tls.enclave.AttestedIdentity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenSSL's {@code s_client} against an enclave application's HTTPS server with enclave-tls's attested identity (on
 * the emulated NSM): a TLS 1.3 handshake completes, a request gets its answer, and the certificate OpenSSL received
 * is the identity's, with the attestation extension OpenSSL parses as non-critical. Not skipped when openssl is
 * missing: the CI installs it (.ci/run), and a missing tool fails here with what to install.
 */
@Timeout(120)
class OpenSslInteropTest {
    private static final String BODY = "hello from the attested enclave";
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----\\s+([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");

    private static NsmClient nsm;
    private static AttestedIdentity identity;
    private static HttpsServer server;

    @TempDir
    Path directory;

    @BeforeAll
    static void startTheEnclaveApplication() throws Exception {
        nsm = new NsmClient(EmulatedNsm.builder().build());
        identity = AttestedIdentity.builder(nsm).start();
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(identity.serverContext()));
        server.createContext("/", exchange -> {
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop(0);
        identity.close();
        nsm.close();
    }

    @Test
    void sClientCompletesATls13HandshakeAndGetsTheAnswer() throws Exception {
        Run run = openssl("GET / HTTP/1.0\r\nHost: enclave\r\n\r\n", "s_client", "-connect",
                "127.0.0.1:" + server.getAddress().getPort(), "-tls1_3", "-showcerts", "-ign_eof",
                // The JDK's HttpsServer closes an HTTP/1.0 exchange without close_notify, which OpenSSL 3 otherwise
                // reports as an error after the whole answer has arrived.
                "-ignore_unexpected_eof");
        assertAll(
                () -> assertEquals(0, run.status(), run::toString),
                () -> assertTrue(run.out().contains("New, TLSv1.3, Cipher is TLS_"), run::toString),
                () -> assertTrue(run.out().contains("HTTP/1.1 200 OK"), run::toString),
                () -> assertTrue(run.out().contains(BODY), run::toString));

        Matcher pem = PEM.matcher(run.out());
        assertTrue(pem.find(), run::toString);
        byte[] received = Base64.getMimeDecoder().decode(pem.group(1));
        assertTrue(Arrays.equals(identity.certificate().getEncoded(), received),
                "OpenSSL received another certificate than the identity's");

        Path certificate = directory.resolve("enclave.pem");
        Files.writeString(certificate, pem.group(), StandardCharsets.US_ASCII);
        Run text = openssl("", "x509", "-in", certificate.toString(), "-noout", "-text");
        assertAll(
                () -> assertEquals(0, text.status(), text::toString),
                () -> assertTrue(text.out().contains("ASN1 OID: secp384r1"), text::toString),
                // Printed by its dotted OID, which OpenSSL does not know, and without "critical": non-critical.
                () -> assertTrue(text.out().contains(AttestationExtension.OID + ": \n")
                        || text.out().contains(AttestationExtension.OID + ":\n"), text::toString),
                () -> assertTrue(!text.out().contains(AttestationExtension.OID + ": critical"), text::toString));
    }

    private record Run(int status, String out) {
        @Override
        public String toString() {
            return "exit " + status + "\n" + out;
        }
    }

    /** Runs openssl with this standard input; its standard error joins its output. */
    private static Run openssl(String input, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("openssl is not installed (" + e.getMessage() + "); install it (Debian: "
                    + "apt-get install openssl), as .ci/run does: this interop test is never skipped.", e);
        }
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.US_ASCII));
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("openssl " + String.join(" ", arguments) + " did not end within 60 s");
        }
        return new Run(process.exitValue(), new String(output.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream in) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            in.transferTo(bytes);
        } catch (IOException e) {
            // What was read is what there is.
        }
        return bytes.toByteArray();
    }
}
