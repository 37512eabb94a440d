package dev.nitroattest.tools.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.nitroattest.agent.AgentServer;
import dev.nitroattest.agent.BridgeRule;
import dev.nitroattest.agent.Bridges;
import dev.nitroattest.agent.AgentSettings;
import dev.nitroattest.agent.binding.BindingSource;
import dev.nitroattest.agent.binding.EnclaveBinding;
import dev.nitroattest.agent.client.AgentClient;
import dev.nitroattest.agent.protocol.AgentErrorCode;
import dev.nitroattest.agent.protocol.AgentMessages;
import dev.nitroattest.agent.protocol.AgentResponse;
import dev.nitroattest.agent.protocol.Frames;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.ExpectedPcrs;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.cbor.CborEncoder;
import dev.nitroattest.kms.emulated.EmulatedKms;
import dev.nitroattest.kms.emulated.KmsJsonServer;
import dev.nitroattest.kms.emulated.RecipientConditions;
import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.proxy.ForwardRule;
import dev.nitroattest.proxy.HttpAddress;
import dev.nitroattest.proxy.ParentProxy;
import dev.nitroattest.proxy.ProxySettings;
import dev.nitroattest.relay.RelayLimits;
import dev.nitroattest.secrets.RecipientKey;
import dev.nitroattest.secrets.SecretRefusedException;
import dev.nitroattest.secrets.SecretSealer;
import dev.nitroattest.vsock.Connection;
import dev.nitroattest.vsock.ConnectEndpoint;
import dev.nitroattest.vsock.ListenEndpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code ./demo secrets}: a secret released to an attested enclave only when its measurements meet the key policy,
 * along the path an enclave application takes to KMS. Every piece runs in this process, each on its own 127.0.0.1
 * socket, with the project's own code on each hop:
 *
 * <pre>
 * enclave application ──TCP──► the agent's bridge (Bridges, what --bridge runs)
 *     ──TCP (vsock in an enclave)──►
 *     parent proxy's forwarder ──TCP──► emulated KMS (KMS's JSON protocol, key policies on the PCRs)
 * </pre>
 *
 * The application makes an RSA recipient key and publishes it in the agent's binding file (inside the enclave: no
 * caller of the agent chooses what a document binds), asks the agent (on the emulated NSM) for a document, which
 * carries it, and sends KMS's {@code Decrypt} with that document as its {@code Recipient} for two secrets: one under
 * a key whose policy names this image's PCR0, one under a key that names another image. The first comes back as
 * {@code CiphertextForRecipient} and opens; the second is refused with {@code AccessDeniedException}. A relying
 * service gets a document through the parent proxy with a nonce of its own, verifies it itself and seals a secret to
 * the enclave's key in it, in the authenticated form. Last, the parent plays the attack of issue 19: its own key is
 * refused by the agent ({@code CALLER_BINDING_REFUSED}) and by the proxy (400), and the enclave's genuine document
 * replayed to KMS gets it a {@code CiphertextForRecipient} its key cannot open. In one process because the agent,
 * the proxy and KMS each need an address of another before it starts; the path's sockets are real. Exit status 0
 * when the secret was released, the other refused and the attack failed; 1 otherwise.
 */
public final class SecretsDemo {
    /** The image the demo's enclave measures as: the same PCRs as ./demo's. */
    static final String PCR0 = "8a495de65538b315df37ec2bd38d9ca25b8bbb076220c250"
            + "5d77b8d00a348a003043095d0b5f9645db1217240125bd8c";
    static final String PCR1 = "e64e073a378b793070ad3c557abb5061827ffa1d4c959b1e"
            + "1b591da7911cd7e4862d47e069c12f93f51693ebc1dbbed3";
    static final String PCR2 = "38b7cf4e974cb1c31bf9df4e05484957f8d57b1dc14fafcd"
            + "18a3b111e8f3dbc6ace361d40f25b7af39e94511f4314e26";
    /** Another image's PCR0: what the second key's policy names. */
    static final String OTHER_PCR0 = "0f".repeat(48);
    private static final String RELEASED_SECRET = "postgres://app:correct-horse-battery-staple@db/app";
    private static final HexFormat HEX = HexFormat.of();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final JsonFactory JSON = new JsonFactory();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DemoStage stage;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private SecretsDemo(DemoStage stage) {
        this.stage = stage;
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err));
    }

    static int run(PrintStream out, PrintStream err) {
        return DemoStage.run("secrets", out, err, stage -> new SecretsDemo(stage).play());
    }

    private boolean play() throws Exception {
        EmulatedNsm nsm = EmulatedNsm.builder().pcr(0, HEX.parseHex(PCR0)).pcr(1, HEX.parseHex(PCR1))
                .pcr(2, HEX.parseHex(PCR2)).build();
        TrustAnchor emulatedRoot = TrustAnchor.fromPem(nsm.rootCertificatePem());

        EmulatedKms kms = EmulatedKms.builder(emulatedRoot)
                .key("alias/this-app", RecipientConditions.none().imageSha384(PCR0))
                .key("alias/other-app", RecipientConditions.none().imageSha384(OTHER_PCR0))
                .build();
        KmsJsonServer kmsServer = stage.started(KmsJsonServer.start(kms, loopback(),
                line -> stage.say("  emulated KMS: " + line)));
        stage.say("emulated KMS on " + kmsServer.endpoint() + " (KMS's JSON protocol), two keys:");
        stage.say("  alias/this-app releases only to kms:RecipientAttestation:ImageSha384 = " + abbreviated(PCR0));
        stage.say("  alias/other-app releases only to kms:RecipientAttestation:ImageSha384 = "
                + abbreviated(OTHER_PCR0));

        NsmClient nsmClient = stage.started(new NsmClient(nsm));
        Path bindingFile = stage.started(new TemporaryDirectory("demo-secrets-enclave")).path().resolve("binding.cbor");
        AgentServer agent = stage.started(AgentServer.start(ListenEndpoint.parse("tcp:127.0.0.1:0"), nsmClient,
                BindingSource.file(bindingFile), AgentSettings.defaults(), line -> { }));
        ConnectEndpoint agentEndpoint = ConnectEndpoint.parse(agent.endpoint().toString());
        stage.say("enclave agent (emulated NSM, PCR0 = " + abbreviated(PCR0) + ") on " + agent.endpoint()
                + ", --binding-file " + bindingFile + ": every document carries what the enclave application "
                + "publishes there, and no caller's key");

        AttestationVerifier proxyVerifier = AttestationVerifier.builder().trustAnchors(emulatedRoot)
                .expectPcrs(ExpectedPcrs.builder().accept(0, PCR0).build()).maxAge(Duration.ofMinutes(5))
                .build();
        ParentProxy proxy = stage.started(ParentProxy.start(ProxySettings.builder(
                        agentEndpoint, proxyVerifier)
                .http(new HttpAddress("127.0.0.1", 0))
                .forward(ForwardRule.parse("tcp:127.0.0.1:0=127.0.0.1:" + kmsServer.port()))
                .build(), line -> stage.say("  parent proxy: " + line)));
        ListenEndpoint forwarder = proxy.forwardEndpoints().get(0);
        stage.say("parent proxy forwarding " + forwarder + " to the emulated KMS (its allow-list: that one "
                + "destination)");

        Bridges bridge = stage.started(Bridges.start(List.of(BridgeRule.parse("tcp:127.0.0.1:0=" + forwarder)),
                new RelayLimits(64, Duration.ofMinutes(5)), line -> stage.say("  bridge: " + line), () -> { }));
        String bridgeEndpoint = bridge.endpoints().get(0);
        URI kmsInEnclave = URI.create("http://" + bridgeEndpoint.substring("tcp:".length()));
        stage.say("the agent's bridge in the enclave on " + bridgeEndpoint + ", to the forwarder (--bridge "
                + "tcp:127.0.0.1:443=vsock:3:8000 in an enclave)");
        stage.pause();

        byte[] thisAppBlob = blob(encrypt(kmsServer.endpoint(), "alias/this-app", RELEASED_SECRET));
        byte[] otherAppBlob = blob(encrypt(kmsServer.endpoint(), "alias/other-app", "not for this image"));
        stage.say("administrator: encrypted a secret under each key (Encrypt, straight to KMS)");

        RecipientKey recipient = RecipientKey.generate();
        EnclaveBinding.of(recipient.publicKey().toByteArray(), null).publish(bindingFile);
        stage.say("enclave application: made an RSA-2048 recipient key and published it in the agent's binding file "
                + "(inside the enclave: an atomic rename of " + bindingFile.getFileName() + ")");
        byte[] document;
        try (AgentClient client = AgentClient.connect(agentEndpoint)) {
            document = client.attestation(freshNonce());
        }
        stage.say("enclave application: asked the agent for a document with a nonce of its own -> it carries the "
                + "published key as public_key (" + document.length + " bytes)");

        HttpResponse<String> released = decrypt(kmsInEnclave, thisAppBlob, document);
        boolean releasedRight = false;
        if (released.statusCode() == 200) {
            byte[] sealed = Base64.getDecoder().decode(fields(released.body()).get("CiphertextForRecipient"));
            String opened = new String(recipient.open(sealed), StandardCharsets.UTF_8);
            releasedRight = opened.equals(RELEASED_SECRET) && !fields(released.body()).containsKey("Plaintext");
            stage.say("enclave application: Decrypt alias/this-app through the bridge -> CiphertextForRecipient ("
                    + sealed.length + " bytes, no Plaintext) -> opened with the recipient key: \"" + opened + "\"");
        } else {
            stage.say("enclave application: Decrypt alias/this-app was refused: " + released.body());
        }
        HttpResponse<String> refused = decrypt(kmsInEnclave, otherAppBlob, document);
        Map<String, String> refusal = fields(refused.body());
        boolean refusedRight = refused.statusCode() == 400
                && "AccessDeniedException".equals(refusal.get("__type"));
        stage.say("enclave application: Decrypt alias/other-app through the bridge -> " + refused.statusCode() + " "
                + refusal.get("__type") + ": " + refusal.get("message"));
        stage.pause();

        boolean serviceRight = relyingService(proxy, emulatedRoot, recipient);
        stage.pause();

        boolean attackRefused = parentAttack(agentEndpoint, proxy, kmsServer.endpoint(), thisAppBlob, document);
        recipient.destroy();
        boolean passed = releasedRight && refusedRight && serviceRight && attackRefused;
        stage.say(passed ? "the secret went only to the image its key policy names, and the parent could not read it."
                : "FAILED: the secret was not released, was released to the wrong image, or the parent's attack "
                        + "was not refused.");
        return passed;
    }

    /**
     * A relying service asks the parent proxy for a document with a nonce of its own, verifies it itself and seals a
     * secret to the public key in it: the enclave's, since no client of the proxy can choose it.
     */
    private boolean relyingService(ParentProxy proxy, TrustAnchor emulatedRoot, RecipientKey recipient)
            throws Exception {
        byte[] nonce = freshNonce();
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(proxyAttestation(proxy))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Accept", "application/cbor")
                .POST(HttpRequest.BodyPublishers.ofString("{\"nonce\": \"" + BASE64.encodeToString(nonce) + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            stage.say("relying service: POST /v1/attestation was answered " + answer.statusCode());
            return false;
        }
        VerifiedAttestation verified = AttestationVerifier.builder().trustAnchors(emulatedRoot)
                .expectPcrs(ExpectedPcrs.builder().accept(0, PCR0).accept(1, PCR1)
                        .accept(2, PCR2).build())
                .maxAge(Duration.ofMinutes(5)).build()
                .verify(answer.body(), Expectations.nonce(nonce));
        byte[] sealedByService = SecretSealer.create().seal(verified, "an API token".getBytes(StandardCharsets.UTF_8));
        boolean opened = "an API token".equals(new String(recipient.openAuthenticated(sealedByService),
                StandardCharsets.UTF_8));
        stage.say("relying service: POST /v1/attestation with its own nonce to the parent proxy, verified the document "
                + "itself (root, PCR0-2, nonce) and sealed a secret to the enclave's key in it, in the authenticated "
                + "form (" + sealedByService.length + " bytes) -> opened in the enclave");
        return opened && verified.publicKey().orElseThrow().equals(recipient.publicKey());
    }

    /**
     * Issue 19, played by the parent instance, which holds the instance role's KMS credentials: it cannot have a
     * genuine document bind a key of its own, by the agent or the proxy, and the enclave's genuine document gets it a
     * {@code CiphertextForRecipient} it cannot open.
     */
    private boolean parentAttack(ConnectEndpoint agentEndpoint, ParentProxy proxy, URI kms, byte[] blob,
            byte[] enclaveDocument) throws Exception {
        stage.say("the parent instance, as an attacker (it holds the instance role's KMS credentials):");
        RecipientKey parentKey = RecipientKey.generate();
        byte[] parentPublicKey = parentKey.publicKey().toByteArray();
        AgentResponse agentAnswer = rawAttestation(agentEndpoint, parentPublicKey);
        boolean agentRefused = agentAnswer instanceof AgentResponse.Failure failure
                && failure.code() == AgentErrorCode.CALLER_BINDING_REFUSED;
        stage.say("  parent: made its own RSA-2048 key and asked the agent for a document binding it -> " + (agentAnswer
                instanceof AgentResponse.Failure failure ? failure.code() + ": " + failure.message()
                : "a document (" + agentAnswer.getClass().getSimpleName() + ")"));

        HttpResponse<String> proxyAnswer = http.send(HttpRequest.newBuilder(proxyAttestation(proxy))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"nonce\": \"" + BASE64.encodeToString(freshNonce())
                        + "\", \"public_key\": \"" + BASE64.encodeToString(parentPublicKey) + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, String> proxyError = fields(proxyAnswer.body());
        boolean proxyRefused = proxyAnswer.statusCode() == 400
                && "CALLER_BINDING_REFUSED".equals(proxyError.get("error"));
        stage.say("  parent: asked the parent proxy the same -> " + proxyAnswer.statusCode() + " "
                + proxyError.get("error") + ": " + proxyError.get("message"));

        HttpResponse<String> replayed = decrypt(kms, blob, enclaveDocument);
        boolean replayUnopened = false;
        if (replayed.statusCode() == 200) {
            byte[] sealed = Base64.getDecoder().decode(fields(replayed.body()).get("CiphertextForRecipient"));
            String outcome;
            try {
                outcome = "OPENED: \"" + new String(parentKey.open(sealed), StandardCharsets.UTF_8) + "\"";
            } catch (SecretRefusedException e) {
                replayUnopened = true;
                outcome = "its own key cannot open it: " + e.getMessage();
            }
            stage.say("  parent: replayed the enclave's genuine document to KMS (Decrypt alias/this-app) -> "
                    + "CiphertextForRecipient (" + sealed.length + " bytes, no Plaintext) -> " + outcome);
        } else {
            replayUnopened = true;
            stage.say("  parent: replayed the enclave's genuine document to KMS -> " + replayed.statusCode() + " "
                    + replayed.body());
        }
        parentKey.destroy();
        return agentRefused && proxyRefused && replayUnopened;
    }

    /** An attestation request with a public key, as the agent's old protocol took it: AgentClient has no such call. */
    private static AgentResponse rawAttestation(ConnectEndpoint agent, byte[] publicKey) throws Exception {
        byte[] request = new CborEncoder().map(3).text("op").text("attestation").text("nonce").bytes(freshNonce())
                .text("public_key").bytes(publicKey).toByteArray();
        try (Connection connection = agent.connect(Duration.ofSeconds(10))) {
            connection.timeout(Duration.ofSeconds(30));
            Frames.write(connection.output(), request);
            byte[] answer = Frames.read(connection.input());
            if (answer == null) {
                throw new IOException("The agent closed the connection without answering.");
            }
            return AgentMessages.decodeResponse(answer);
        }
    }

    private static URI proxyAttestation(ParentProxy proxy) {
        return URI.create("http://127.0.0.1:" + proxy.httpPort() + "/v1/attestation");
    }

    private static byte[] freshNonce() {
        byte[] nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    private HttpResponse<String> encrypt(URI kms, String keyId, String secret) throws Exception {
        HttpResponse<String> response = call(kms, "Encrypt", "{\"KeyId\":\"" + keyId + "\",\"Plaintext\":\""
                + BASE64.encodeToString(secret.getBytes(StandardCharsets.UTF_8)) + "\"}");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Encrypt failed: " + response.body());
        }
        return response;
    }

    private HttpResponse<String> decrypt(URI kms, byte[] blob, byte[] document) throws Exception {
        return call(kms, "Decrypt", "{\"CiphertextBlob\":\"" + BASE64.encodeToString(blob) + "\",\"Recipient\":{"
                + "\"AttestationDocument\":\"" + BASE64.encodeToString(document) + "\","
                + "\"KeyEncryptionAlgorithm\":\"RSAES_OAEP_SHA_256\"}}");
    }

    private HttpResponse<String> call(URI kms, String operation, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(kms.resolve("/")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "TrentService." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] blob(HttpResponse<String> encrypted) throws IOException {
        return Base64.getDecoder().decode(fields(encrypted.body()).get("CiphertextBlob"));
    }

    /** The top-level string fields of a KMS answer (its answers here are flat objects of strings). */
    private static Map<String, String> fields(String json) throws IOException {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("KMS answered something other than a JSON object: " + json);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (parser.nextToken() == JsonToken.VALUE_STRING) {
                    fields.put(name, parser.getText());
                } else {
                    parser.skipChildren();
                }
            }
        }
        return fields;
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private static String abbreviated(String hex) {
        return hex.substring(0, 12) + "…";
    }
}
