package dev.nitroattest.tools.demo;

import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.CertificateInfo;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.ExpectedPcrs;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.attestation.VerifierConfigurationException;
import dev.nitroattest.process.CommandLineProcess;
import dev.nitroattest.process.StartupFailure;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What a relying service does, in the small: wait for the proxy to be healthy, choose a fresh random nonce, POST it
 * to {@code /v1/attestation}, and verify the CBOR document that comes back itself, against its own trust anchor,
 * its own PCR pins and its nonce, not trusting the proxy's verification. Prints what was verified and the
 * equivalent {@code nitro-attest verify} command. Exit status 0 when verified, 1 otherwise, 2 for a wrong command
 * line; each failure is one sentence.
 */
@Command(name = "demo-client", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Asks the parent proxy for an attestation with a fresh nonce and verifies it independently.")
public final class DemoClient {
    private static final int NONCE_BYTES = 32;
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--proxy", required = true, paramLabel = "URL",
            description = "The proxy, e.g. http://127.0.0.1:8080")
    URI proxy;

    @Option(names = "--trust-anchor", required = true, paramLabel = "PEM",
            description = "The root certificate the document must chain to.")
    Path trustAnchor;

    @Option(names = "--pcr", required = true, paramLabel = "N=HEX", description = "A pinned PCR. Repeatable.")
    List<String> pcrs = new ArrayList<>();

    @Option(names = "--document-out", paramLabel = "FILE", description = "Keep the document here (CBOR).")
    Path documentOut;

    @Option(names = "--wait", paramLabel = "SECONDS", description = "How long to wait for /healthz (default 30).")
    int waitSeconds = 30;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(HTTP_TIMEOUT).build();

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return CommandLineProcess.run("demo-client", new DemoClient(), args, out, err, client -> {
            client.demonstrate(out);
            return 0;
        });
    }

    private void demonstrate(PrintStream out) throws StartupFailure, InterruptedException {
        Map<Integer, String> pins = pins();
        AttestationVerifier verifier = verifier(pins);
        awaitHealthy();

        byte[] nonce = new byte[NONCE_BYTES];
        new SecureRandom().nextBytes(nonce);
        URI endpoint = proxy.resolve("/v1/attestation");
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(endpoint).timeout(HTTP_TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/cbor")
                .POST(HttpRequest.BodyPublishers.ofString("{\"nonce\": \"" + Base64.getEncoder().encodeToString(nonce)
                        + "\"}")).build());
        if (response.statusCode() != 200) {
            throw StartupFailure.environment("The proxy answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8).strip());
        }
        byte[] document = response.body();
        VerifiedAttestation verified;
        try {
            verified = verifier.verify(document, Expectations.nonce(nonce));
        } catch (DocumentRejectedException e) {
            throw StartupFailure.environment("The document did NOT verify: " + e.reason() + ": " + e.detail());
        }
        if (documentOut != null) {
            try {
                Files.write(documentOut, document);
            } catch (IOException e) {
                throw StartupFailure.usage("Cannot write the document to " + documentOut + " (" + e.getMessage()
                        + ").");
            }
        }
        print(out, endpoint, document, nonce, pins, verified);
    }

    private void print(PrintStream out, URI endpoint, byte[] document, byte[] nonce, Map<Integer, String> pins,
            VerifiedAttestation verified) {
        HexFormat hex = HexFormat.of();
        out.println("Verified an attestation document fetched through the parent proxy:");
        field(out, "from", "POST " + endpoint + " -> " + document.length + " bytes of CBOR (COSE_Sign1)");
        field(out, "module_id", verified.moduleId());
        field(out, "timestamp", verified.timestamp() + " ("
                + Duration.between(verified.timestamp(), Instant.now()).toMillis() + " ms ago)");
        field(out, "nonce", hex.formatHex(nonce) + " (fresh from this client; the document carries it)");
        pins.forEach((index, value) -> field(out, "PCR" + index, value + " (pinned, matches)"));
        List<CertificateInfo> chain = verified.certificateChain();
        for (int i = chain.size() - 1; i >= 0; i--) {
            String role = i == chain.size() - 1 ? "root, pinned: " + trustAnchor
                    : i == 0 ? "leaf, signed the document" : "intermediate CA";
            field(out, i == chain.size() - 1 ? "chain" : "", chain.get(i).subject() + "  (" + role + ")");
        }
        if (documentOut != null) {
            field(out, "document", documentOut.toString());
            out.println();
            out.println("The same check with the command-line tool:");
            StringBuilder command = new StringBuilder("  ./nitro-attest verify --trust-anchor " + trustAnchor);
            pins.forEach((index, value) -> command.append(" --pcr ").append(index).append('=').append(value));
            command.append(" --nonce ").append(hex.formatHex(nonce)).append(' ').append(documentOut);
            out.println(command);
        }
    }

    private static void field(PrintStream out, String name, String value) {
        out.printf("  %-10s %s%n", name, value);
    }

    private Map<Integer, String> pins() throws StartupFailure {
        Map<Integer, String> pins = new TreeMap<>();
        for (String pin : pcrs) {
            int equals = pin.indexOf('=');
            try {
                int index = Integer.parseInt(pin.substring(0, Math.max(0, equals)));
                String value = pin.substring(equals + 1).toLowerCase(Locale.ROOT);
                HexFormat.of().parseHex(value);
                pins.put(index, value);
            } catch (IllegalArgumentException e) {
                throw StartupFailure.usage("--pcr \"" + pin + "\" is not N=HEX (a PCR index, then 96 hex digits).");
            }
        }
        return pins;
    }

    private AttestationVerifier verifier(Map<Integer, String> pins) throws StartupFailure {
        try {
            return AttestationVerifier.builder()
                    .trustAnchors(TrustAnchor.fromPemFile(trustAnchor))
                    .expectPcrs(ExpectedPcrs.ofHex(pins))
                    .maxAge(Duration.ofMinutes(5)).build();
        } catch (VerifierConfigurationException e) {
            throw StartupFailure.usage(e.getMessage());
        }
    }

    private void awaitHealthy() throws StartupFailure, InterruptedException {
        URI health = proxy.resolve("/healthz");
        long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(health).timeout(HTTP_TIMEOUT)
                        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
            }
            Thread.sleep(POLL.toMillis());
        }
        throw StartupFailure.environment("The proxy at " + proxy + " was not healthy within " + waitSeconds
                + " s (last: " + last + ").");
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws StartupFailure, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw StartupFailure.environment("The request to " + request.uri() + " failed (" + e.getMessage() + ").");
        }
    }
}
