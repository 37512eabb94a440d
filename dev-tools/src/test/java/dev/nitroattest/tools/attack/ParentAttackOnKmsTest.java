package dev.nitroattest.tools.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.agent.AgentServer;
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
import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.cbor.CborEncoder;
import dev.nitroattest.kms.emulated.EmulatedKms;
import dev.nitroattest.kms.emulated.Recipient;
import dev.nitroattest.kms.emulated.RecipientConditions;
import dev.nitroattest.kms.emulated.Released;
import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.proxy.HttpAddress;
import dev.nitroattest.proxy.ParentProxy;
import dev.nitroattest.proxy.ProxySettings;
import dev.nitroattest.secrets.RecipientKey;
import dev.nitroattest.secrets.SecretRefusal;
import dev.nitroattest.secrets.SecretRefusedException;
import dev.nitroattest.vsock.ConnectEndpoint;
import dev.nitroattest.vsock.Connection;
import dev.nitroattest.vsock.ListenEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.MGF1ParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, end to end, as an attacker on the parent instance plays it: it holds the instance role's KMS credentials
 * (here, direct access to the emulated KMS), reaches the agent over its listener and the proxy over HTTP, and wants a
 * secret whose key policy releases only to this enclave image. It makes its own RSA key and cannot get a genuine
 * document for it; it replays the enclave's genuine document to KMS and gets a {@code CiphertextForRecipient} that
 * only the enclave's key opens.
 */
@Timeout(120)
class ParentAttackOnKmsTest {
    private static final String PCR0 = "8a495de65538b315df37ec2bd38d9ca25b8bbb076220c250"
            + "5d77b8d00a348a003043095d0b5f9645db1217240125bd8c";
    private static final byte[] SECRET = "the database password".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    private EmulatedNsm nsm;
    private NsmClient nsmClient;
    private AgentServer agent;
    private ParentProxy proxy;
    private EmulatedKms kms;
    private RecipientKey enclaveKey;
    private byte[] ciphertextBlob;

    @BeforeEach
    void startTheEnclaveItsProxyAndKms() throws Exception {
        nsm = EmulatedNsm.builder().pcr(0, HexFormat.of().parseHex(PCR0)).build();
        TrustAnchor root = TrustAnchor.fromPem(nsm.rootCertificatePem());
        nsmClient = new NsmClient(nsm);
        // The enclave application makes its recipient key and publishes it for the agent, inside the enclave.
        Path bindingFile = directory.resolve("binding.cbor");
        enclaveKey = RecipientKey.generate();
        EnclaveBinding.of(enclaveKey.publicKey().toByteArray(), null).publish(bindingFile);
        agent = AgentServer.start(ListenEndpoint.parse("tcp:127.0.0.1:0"), nsmClient,
                BindingSource.file(bindingFile), AgentSettings.defaults(), line -> { });
        AttestationVerifier verifier = AttestationVerifier.builder().trustAnchors(root)
                .expectPcrs(ExpectedPcrs.builder().accept(0, PCR0).build()).maxAge(Duration.ofMinutes(5)).build();
        proxy = ParentProxy.start(ProxySettings.builder(agentEndpoint(), verifier)
                .http(new HttpAddress("127.0.0.1", 0)).build(), line -> { });
        kms = EmulatedKms.builder(root).key("alias/enclave-only", RecipientConditions.none().imageSha384(PCR0))
                .build();
        ciphertextBlob = kms.encrypt("alias/enclave-only", SECRET, Map.of()).ciphertextBlob().orElseThrow()
                .toByteArray();
    }

    @AfterEach
    void stop() {
        proxy.close();
        agent.close();
        nsmClient.close();
    }

    @Test
    void theParentCannotHaveTheAgentBindItsOwnKeyOverTheListener() throws Exception {
        KeyPair parentKey = rsaKeyPair();
        byte[] request = new CborEncoder().map(3).text("op").text("attestation").text("nonce").bytes(new byte[] {1})
                .text("public_key").bytes(parentKey.getPublic().getEncoded()).toByteArray();
        try (Connection connection = agentEndpoint().connect(Duration.ofSeconds(5))) {
            connection.timeout(Duration.ofSeconds(30));
            Frames.write(connection.output(), request);
            AgentResponse answer = AgentMessages.decodeResponse(Frames.read(connection.input()));
            AgentResponse.Failure refused = assertInstanceOf(AgentResponse.Failure.class, answer);
            assertEquals(AgentErrorCode.CALLER_BINDING_REFUSED, refused.code(), refused.message());
        }
    }

    @Test
    void theParentCannotHaveTheProxyBindItsOwnKey() throws Exception {
        KeyPair parentKey = rsaKeyPair();
        String body = "{\"nonce\": \"AQ==\", \"public_key\": \""
                + Base64.getEncoder().encodeToString(parentKey.getPublic().getEncoded()) + "\"}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + proxy.httpPort() + "/v1/attestation"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"CALLER_BINDING_REFUSED\""), response.body());
    }

    @Test
    void theEnclavesGenuineDocumentReplayedToKmsYieldsCiphertextOnlyTheEnclaveOpens() throws Exception {
        byte[] document;
        try (AgentClient client = AgentClient.connect(agentEndpoint())) {
            document = client.attestation(new byte[] {7});
        }
        // KMS's policy holds: the document is genuine and names this image, so KMS answers the parent.
        Released released = kms.decrypt(ciphertextBlob, Optional.empty(), Map.of(),
                Optional.of(Recipient.of(document)));
        assertTrue(released.plaintext().isEmpty(), "KMS answers a recipient without the plaintext");
        byte[] forRecipient = released.ciphertextForRecipient().orElseThrow().toByteArray();

        RecipientKey parentRecipientKey = RecipientKey.generate();
        SecretRefusedException refused = assertThrows(SecretRefusedException.class,
                () -> parentRecipientKey.open(forRecipient));
        assertEquals(SecretRefusal.WRONG_RECIPIENT, refused.reason());
        // Nor by ignoring the envelope's recipient identifier: the content key is wrapped to the enclave's key.
        KeyPair parentKey = rsaKeyPair();
        byte[] wrappedContentKey = encryptedKey(forRecipient);
        assertThrows(GeneralSecurityException.class, () -> oaepSha256(parentKey).doFinal(wrappedContentKey));

        assertArrayEquals(SECRET, enclaveKey.open(forRecipient), "the enclave itself opens it");
    }

    @Test
    void documentsFetchedThroughTheProxyCarryTheEnclavesKeyAndNoCallersKey() throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + proxy.httpPort() + "/v1/attestation"))
                .header("Content-Type", "application/json").header("Accept", "application/cbor")
                .POST(HttpRequest.BodyPublishers.ofString("{\"nonce\": \"AQID\"}")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        Bytes bound = AttestationVerifier.builder().trustAnchors(TrustAnchor.fromPem(nsm.rootCertificatePem()))
                .expectPcrs(ExpectedPcrs.builder().accept(0, PCR0).build()).maxAge(Duration.ofMinutes(5)).build()
                .verify(response.body(), Expectations.nonce(new byte[] {1, 2, 3})).publicKey().orElseThrow();
        assertEquals(enclaveKey.publicKey(), bound);
        assertFalse(kms.decrypt(ciphertextBlob, Optional.empty(), Map.of(), Optional.of(Recipient.of(response.body())))
                .ciphertextForRecipient().isEmpty());
    }

    private ConnectEndpoint agentEndpoint() {
        return ConnectEndpoint.parse(agent.endpoint().toString());
    }

    private static KeyPair rsaKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static Cipher oaepSha256(KeyPair key) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(Cipher.DECRYPT_MODE, key.getPrivate(), new OAEPParameterSpec("SHA-256", "MGF1",
                MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        return cipher;
    }

    /**
     * The RSA-wrapped content key of KMS's envelope, read as the parent would with a general ASN.1 parser:
     * ContentInfo [0] EnvelopedData, its one KeyTransRecipientInfo, that one's encryptedKey.
     */
    private static byte[] encryptedKey(byte[] envelope) throws Exception {
        ASN1Sequence contentInfo = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(envelope));
        ASN1Sequence envelopedData = ASN1Sequence.getInstance(
                ASN1TaggedObject.getInstance(contentInfo.getObjectAt(1)).getExplicitBaseObject());
        ASN1Set recipientInfos = ASN1Set.getInstance(envelopedData.getObjectAt(1));
        ASN1Sequence keyTransRecipient = ASN1Sequence.getInstance(recipientInfos.getObjectAt(0));
        ASN1Encodable encryptedKey = keyTransRecipient.getObjectAt(3);
        return ASN1OctetString.getInstance(encryptedKey).getOctets();
    }
}
