package dev.nitroattest.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.agent.binding.BindingSource;
import dev.nitroattest.agent.binding.EnclaveBinding;
import dev.nitroattest.agent.client.AgentClient;
import dev.nitroattest.agent.client.AgentErrorException;
import dev.nitroattest.agent.protocol.AgentErrorCode;
import dev.nitroattest.agent.protocol.AgentResponse;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.ExpectedPcrs;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.testing.RawAgentClient;
import dev.nitroattest.testkit.CborWriter;
import dev.nitroattest.vsock.ConnectEndpoint;
import dev.nitroattest.vsock.ListenEndpoint;
import dev.nitroattest.vsock.TcpEndpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 over the agent's real listener (TCP on 127.0.0.1, as vsock in an enclave): a caller cannot choose a
 * document's public key or user data, and every document carries what the enclave published in its binding file.
 */
@Timeout(60)
class CallerBindingTest {
    private static final byte[] PCR0 = filled(0xa0);

    @TempDir
    Path directory;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private EmulatedNsm emulator;
    private NsmClient nsm;
    private AgentServer server;
    private Path bindingFile;
    private ConnectEndpoint endpoint;
    private AttestationVerifier verifier;

    @BeforeEach
    void startAgentWithABindingFile() throws Exception {
        emulator = EmulatedNsm.builder().pcr(0, PCR0).build();
        nsm = new NsmClient(emulator);
        bindingFile = directory.resolve("binding.cbor");
        server = AgentServer.start(ListenEndpoint.parse("tcp:127.0.0.1:0"), nsm, BindingSource.file(bindingFile),
                AgentSettings.defaults(), log::add);
        endpoint = (TcpEndpoint) server.endpoint();
        verifier = AttestationVerifier.builder().trustAnchors(TrustAnchor.fromPem(emulator.rootCertificatePem()))
                .expectPcrs(ExpectedPcrs.builder().accept(0, PCR0).build()).anyAge().build();
    }

    @AfterEach
    void stopAgent() {
        server.close();
        nsm.close();
    }

    @Test
    void everyDocumentCarriesTheKeyAndUserDataTheEnclavePublishedWithTheCallersNonce() throws Exception {
        byte[] enclaveKey = rsaPublicKey();
        byte[] userData = "enclave's own statement".getBytes(StandardCharsets.US_ASCII);
        EnclaveBinding.of(enclaveKey, userData).publish(bindingFile);
        byte[] nonce = "caller's nonce".getBytes(StandardCharsets.US_ASCII);

        try (AgentClient client = AgentClient.connect(endpoint)) {
            VerifiedAttestation attestation = verifier.verify(client.attestation(nonce),
                    Expectations.nonce(nonce).withPublicKey(enclaveKey).withUserData(userData));
            assertEquals(Bytes.of(enclaveKey), attestation.publicKey().orElseThrow());
            assertEquals(Bytes.of(userData), attestation.userData().orElseThrow());
            assertEquals(Bytes.of(nonce), attestation.nonce().orElseThrow());
        }
    }

    @Test
    void aRepublishedBindingIsInTheNextDocument() throws Exception {
        byte[] firstKey = rsaPublicKey();
        EnclaveBinding.of(firstKey, new byte[] {1}).publish(bindingFile);
        byte[] secondKey = rsaPublicKey();
        try (AgentClient client = AgentClient.connect(endpoint)) {
            byte[] nonce = {1};
            assertEquals(Bytes.of(firstKey), verifier.verify(client.attestation(nonce), Expectations.nonce(nonce))
                    .publicKey().orElseThrow());
            EnclaveBinding.of(secondKey, null).publish(bindingFile);
            VerifiedAttestation second = verifier.verify(client.attestation(nonce), Expectations.nonce(nonce));
            assertEquals(Bytes.of(secondKey), second.publicKey().orElseThrow());
            assertTrue(second.userData().isEmpty(), "the new binding has no user data, and none is left over");
        }
    }

    @Test
    void aCallersPublicKeyOrUserDataIsRefusedWithItsCodeAndTheConnectionServesOn() throws Exception {
        byte[] enclaveKey = rsaPublicKey();
        EnclaveBinding.of(enclaveKey, null).publish(bindingFile);
        byte[] parentKey = rsaPublicKey();
        try (RawAgentClient raw = RawAgentClient.tcp(((TcpEndpoint) endpoint).port())) {
            for (byte[] body : List.of(
                    new CborWriter().startMap(3).text("op").text("attestation").text("nonce").bytes(new byte[] {9})
                            .text("public_key").bytes(parentKey).toByteArray(),
                    new CborWriter().startMap(2).text("op").text("attestation").text("user_data")
                            .bytes("the parent's words".getBytes(StandardCharsets.US_ASCII)).toByteArray(),
                    new CborWriter().startMap(2).text("op").text("attestation").text("public_key").rawHex("f6")
                            .toByteArray())) {
                AgentResponse.Failure failure = assertInstanceOf(AgentResponse.Failure.class, raw.exchange(body));
                assertEquals(AgentErrorCode.CALLER_BINDING_REFUSED, failure.code(), failure.message());
                assertTrue(failure.message().contains("only code inside the enclave chooses"), failure.message());
            }
            byte[] nonce = {9};
            AgentResponse.Document document = assertInstanceOf(AgentResponse.Document.class,
                    raw.exchange(new CborWriter().startMap(2).text("op").text("attestation").text("nonce")
                            .bytes(nonce).toByteArray()));
            VerifiedAttestation served = verifier.verify(document.document().toByteArray(),
                    Expectations.nonce(nonce).withPublicKey(enclaveKey));
            assertEquals(Bytes.of(enclaveKey), served.publicKey().orElseThrow(), "the enclave's key, not the parent's");
        }
        assertTrue(log.stream().anyMatch(line -> line.contains("-> CALLER_BINDING_REFUSED (")), log.toString());
    }

    @Test
    void beforeThePublicationAndForAMalformedFileTheAnswerIsBindingUnavailableAndNoDocument() throws Exception {
        try (AgentClient client = AgentClient.connect(endpoint)) {
            AgentErrorException missing = assertThrows(AgentErrorException.class,
                    () -> client.attestation(new byte[1]));
            assertEquals(AgentErrorCode.BINDING_UNAVAILABLE, missing.code());
            assertTrue(missing.getMessage().contains("has not published its binding"), missing.getMessage());

            Files.write(bindingFile, Arrays.copyOf(EnclaveBinding.of(rsaPublicKey(), null).encode(), 100));
            AgentErrorException cut = assertThrows(AgentErrorException.class, () -> client.attestation(new byte[1]));
            assertEquals(AgentErrorCode.BINDING_UNAVAILABLE, cut.code());
            assertTrue(cut.getMessage().contains("is not one CBOR map"), cut.getMessage());

            EnclaveBinding.none().publish(bindingFile);
            VerifiedAttestation bare = verifier.verify(client.attestation(new byte[1]),
                    Expectations.nonce(new byte[1]));
            assertTrue(bare.publicKey().isEmpty() && bare.userData().isEmpty(), "an empty binding binds nothing");
        }
        assertTrue(log.stream().anyMatch(line -> line.contains("-> BINDING_UNAVAILABLE (The enclave's binding file "
                + bindingFile + " does not exist yet")), log.toString());
    }

    private static byte[] rsaPublicKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPublic().getEncoded();
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[48];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
