package dev.nitroattest.tools.demo;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.nitroattest.agent.AgentServer;
import dev.nitroattest.agent.AgentSettings;
import dev.nitroattest.agent.binding.BindingSource;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.ExpectedPcrs;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.proxy.HttpAddress;
import dev.nitroattest.proxy.IngressRule;
import dev.nitroattest.proxy.IngressSettings;
import dev.nitroattest.proxy.ParentProxy;
import dev.nitroattest.proxy.ProxySettings;
import dev.nitroattest.testkit.CertificateSpec;
import dev.nitroattest.testkit.EcCurve;
import dev.nitroattest.testkit.EcKeyPair;
import dev.nitroattest.testkit.TestCertificates;
import dev.nitroattest.tls.AttestationExtension;
import dev.nitroattest.tls.AttestedCertificate;
import dev.nitroattest.tls.AttestedTls;
import dev.nitroattest.tls.AttestedTrustManager;
import dev.nitroattest.tls.enclave.AttestedIdentity;
import dev.nitroattest.vsock.ConnectEndpoint;
import dev.nitroattest.vsock.ListenEndpoint;
import dev.nitroattest.vsock.TcpEndpoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

/**
 * {@code ./demo tls}: a relying service talks to the enclave's application over TLS that only the measured image can
 * terminate, and the parent, which carries every byte, cannot stand in for it. Every piece runs in this process,
 * each on its own 127.0.0.1 socket:
 *
 * <pre>
 * relying service (JDK HttpClient, attested SSLContext) ──TLS──► parent proxy's --ingress (copies bytes)
 *     ──TCP (vsock in an enclave)──► enclave application (HttpsServer, enclave-tls identity, emulated NSM)
 * </pre>
 *
 * The application makes its attested identity (a P-384 key, a certificate carrying the NSM's document for it) and
 * serves HTTPS; the relying service, pinning the image's PCRs, gets its answer through the ingress. Then the parent
 * plays two men in the middle where the ingress was: one terminating TLS with a key and certificate of its own (the
 * certificate carrying the enclave's genuine document), one presenting the enclave's genuine certificate without
 * its key. The relying service refuses both, and each refusal's reason is printed. Exit status 0 when the answer
 * came and both were refused; 1 otherwise.
 */
public final class TlsDemo {
    private static final HexFormat HEX = HexFormat.of();
    private static final String ANSWER = "hello from the enclave: only the measured image holds the key to this TLS";

    private final DemoStage stage;

    private TlsDemo(DemoStage stage) {
        this.stage = stage;
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err));
    }

    static int run(PrintStream out, PrintStream err) {
        return DemoStage.run("tls", out, err, stage -> new TlsDemo(stage).play());
    }

    private boolean play() throws Exception {
        EmulatedNsm nsm = EmulatedNsm.builder().pcr(0, HEX.parseHex(SecretsDemo.PCR0))
                .pcr(1, HEX.parseHex(SecretsDemo.PCR1)).pcr(2, HEX.parseHex(SecretsDemo.PCR2)).build();
        TrustAnchor emulatedRoot = TrustAnchor.fromPem(nsm.rootCertificatePem());
        NsmClient nsmClient = stage.started(new NsmClient(nsm));
        Path bindingFile = stage.started(new TemporaryDirectory("demo-tls-enclave")).path().resolve("binding.cbor");

        AttestedIdentity identity = stage.started(AttestedIdentity.builder(nsmClient)
                .clientMaxAge(Duration.ofMinutes(10)).bindingFile(bindingFile).start());
        HttpsServer application = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        application.setHttpsConfigurator(new HttpsConfigurator(identity.serverContext()));
        application.createContext("/", exchange -> {
            byte[] body = (ANSWER + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream response = exchange.getResponseBody()) {
                response.write(body);
            }
        });
        application.start();
        stage.started(() -> application.stop(0));
        TcpEndpoint applicationEndpoint = new TcpEndpoint("127.0.0.1", application.getAddress().getPort());
        X509Certificate certificate = identity.certificate();
        stage.say("enclave application (emulated NSM, PCR0 = " + abbreviated(SecretsDemo.PCR0) + ") serving HTTPS on "
                + applicationEndpoint + " (vsock:8443 in an enclave) with its attested identity: a P-384 key made "
                + "inside, and a certificate (SHA-256 " + abbreviated(sha256(certificate.getEncoded())) + ") carrying "
                + "the NSM's document for that key in extension " + AttestationExtension.OID);

        AgentServer agent = stage.started(AgentServer.start(ListenEndpoint.parse("tcp:127.0.0.1:0"), nsmClient,
                BindingSource.file(bindingFile), AgentSettings.defaults(), line -> { }));
        AttestationVerifier image = verifier(emulatedRoot, ExpectedPcrs.builder().accept(0, SecretsDemo.PCR0)
                .accept(1, SecretsDemo.PCR1).accept(2, SecretsDemo.PCR2).build());
        ParentProxy proxy = stage.started(ParentProxy.start(ProxySettings.builder(
                        ConnectEndpoint.parse(agent.endpoint().toString()), image)
                .http(new HttpAddress("127.0.0.1", 0))
                .ingress(IngressSettings.of(List.of(new IngressRule(new TcpEndpoint("127.0.0.1", 0),
                        applicationEndpoint))))
                .build(), line -> stage.say("  parent proxy: " + line)));
        TcpEndpoint ingress = (TcpEndpoint) proxy.ingressEndpoints().get(0);
        stage.say("parent proxy: --ingress " + ingress + "=" + applicationEndpoint
                + " (tcp:0.0.0.0:8443=vsock:16:8443 on an instance): it copies bytes and holds no key");
        stage.pause();

        AttestedTrustManager trust = AttestedTrustManager.of(image);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(AttestedTls.context(null, trust)).connectTimeout(Duration.ofSeconds(10)).build();
        boolean answered = answered(client, trust, ingress);
        stage.pause();

        stage.say("the parent instance, as a man in the middle where relying services connect (it carries every "
                + "byte):");
        X509Certificate genuine = enclavesCertificate(ingress, emulatedRoot);
        // A P-384 key like the enclave's, so that only the key, not its type, differs.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair parentKey = generator.generateKeyPair();
        byte[] enclavesDocument = AttestedCertificate.of(genuine).document();
        ParentInTheMiddle ownCertificate = stage.started(new ParentInTheMiddle(parentCertificate(parentKey,
                enclavesDocument), parentKey.getPrivate()));
        boolean firstRefused = refused(client, ownCertificate, "terminates TLS itself with its own P-384 key, in a "
                + "certificate carrying the enclave's genuine document (" + enclavesDocument.length + " bytes, taken "
                + "from the enclave's certificate)");
        ParentInTheMiddle replayed = stage.started(new ParentInTheMiddle(genuine, parentKey.getPrivate()));
        boolean secondRefused = refused(client, replayed, "presents the enclave's genuine certificate and document, "
                + "and signs the handshake with its own key, not holding the enclave's");
        stage.pause();

        boolean passed = answered && firstRefused && secondRefused;
        stage.say(passed ? "the relying service talked to the measured image, and the parent could stand in for it "
                + "with neither certificate." : "FAILED: see above.");
        return passed;
    }

    /** The relying service's request through the ingress, and what it verified during the handshake. */
    private boolean answered(HttpClient client, AttestedTrustManager trust, TcpEndpoint ingress) throws Exception {
        URI uri = URI.create("https://" + ingress.host() + ":" + ingress.port() + "/");
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        VerifiedAttestation peer = trust.attestationOf(answer.sslSession().orElseThrow());
        stage.say("relying service: GET " + uri + " with the JDK's HttpClient and AttestedTls's SSLContext (the "
                + "emulated root, PCR0, 1 and 2 pinned, documents at most 10 minutes old) -> " + answer.statusCode()
                + " \"" + answer.body().strip() + "\"");
        stage.say("  the handshake verified the enclave's document (module " + peer.moduleId() + ", PCR0 "
                + abbreviated(peer.pcrs().get(0).orElseThrow().toHex()) + ", made " + peer.timestamp()
                + "), bound to the key that signed the handshake");
        return answer.statusCode() == 200 && answer.body().strip().equals(ANSWER);
    }

    /** One attempt of the relying service through the man in the middle; true when it was refused. */
    private boolean refused(HttpClient client, ParentInTheMiddle parent, String what) throws InterruptedException {
        URI uri = URI.create("https://" + parent.address() + "/");
        stage.say("  parent: " + what + ", on " + parent.address());
        try {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofString());
            stage.say("  relying service: GET " + uri + " -> " + answer.statusCode() + ": NOT REFUSED");
            return false;
        } catch (IOException e) {
            Optional<AttestedTls.Refusal> refusal = AttestedTls.refusal(e);
            if (refusal.isEmpty() && !failedInTheHandshake(e)) {
                // Not a refusal at all (the man in the middle unreachable, a timeout): the demo proves nothing.
                stage.say("  relying service: GET " + uri + " -> FAILED before any handshake (" + innermost(e) + ")");
                return false;
            }
            String reason = refusal.map(r -> r.reason() + ": " + r.message())
                    .orElse("KEY_NOT_PROVEN: the certificate verified, but the handshake failed (" + innermost(e)
                            + "): the server did not prove it holds the certificate's key");
            stage.say("  relying service: GET " + uri + " -> refused, " + reason);
            return parent.completedHandshakes() == 0;
        }
    }

    /**
     * What the parent sees of the enclave's certificate: it connects through the ingress as any client may (any
     * image, but the attested trust manager takes no verifier without a maximum age).
     */
    private static X509Certificate enclavesCertificate(TcpEndpoint ingress, TrustAnchor root) throws Exception {
        AttestationVerifier anyImage = AttestationVerifier.builder().trustAnchors(root).acceptAnyEnclaveImage()
                .maxAge(Duration.ofMinutes(10)).build();
        try (SSLSocket socket = (SSLSocket) AttestedTls.clientContext(anyImage).getSocketFactory()
                .createSocket(ingress.host(), ingress.port())) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    /** A self-signed certificate for the parent's own key, carrying the enclave's genuine document. */
    private static X509Certificate parentCertificate(KeyPair key, byte[] document) throws Exception {
        EcKeyPair signer = EcKeyPair.of(EcCurve.P384, ((ECPrivateKey) key.getPrivate()).getS());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        byte[] der = TestCertificates.issue(CertificateSpec.builder().subject("CN=attested enclave")
                .subjectKey(signer).serial(BigInteger.valueOf(now.toEpochMilli()))
                .validity(now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofHours(1)))
                .extraExtension(AttestationExtension.OID, false, AttestationExtension.value(document)).build()).der();
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    private static AttestationVerifier verifier(TrustAnchor root, ExpectedPcrs pcrs) {
        return AttestationVerifier.builder().trustAnchors(root).expectPcrs(pcrs).maxAge(Duration.ofMinutes(10))
                .build();
    }

    /** Whether TLS itself refused: an SSLHandshakeException anywhere in the cause chain. */
    private static boolean failedInTheHandshake(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 64; depth++, cause = cause.getCause()) {
            if (cause instanceof SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }

    private static String innermost(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String abbreviated(String hex) {
        return hex.substring(0, 12) + "…";
    }
}
