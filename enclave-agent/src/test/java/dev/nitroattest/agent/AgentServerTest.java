package dev.nitroattest.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.agent.client.AgentClient;
import dev.nitroattest.agent.client.AgentErrorException;
import dev.nitroattest.agent.protocol.AgentErrorCode;
import dev.nitroattest.agent.protocol.AgentMessages;
import dev.nitroattest.agent.protocol.AgentRequest;
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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The agent end to end over TCP on 127.0.0.1 with the emulated NSM. */
@Timeout(120)
class AgentServerTest {
    private static final byte[] PCR0 = filled(0xa0);
    private static final byte[] PCR1 = filled(0xa1);
    private static final byte[] PCR2 = filled(0xa2);
    private static final List<String> LOG = new CopyOnWriteArrayList<>();
    private static final byte[] HEALTH = AgentMessages.encodeRequest(new AgentRequest.Health());

    private static EmulatedNsm emulator;
    private static NsmClient nsm;
    private static AgentServer server;
    private static ConnectEndpoint endpoint;
    private static AttestationVerifier verifier;

    @BeforeAll
    static void startAgent() throws Exception {
        emulator = EmulatedNsm.builder().pcr(0, PCR0).pcr(1, PCR1).pcr(2, PCR2).build();
        nsm = new NsmClient(emulator);
        server = AgentServer.start(ListenEndpoint.parse("tcp:127.0.0.1:0"), nsm,
                new AgentSettings(16, Duration.ofSeconds(20), Duration.ofSeconds(20)), LOG::add);
        endpoint = (TcpEndpoint) server.endpoint();
        verifier = AttestationVerifier.builder()
                .trustAnchors(TrustAnchor.fromPem(emulator.rootCertificatePem()))
                .expectPcrs(ExpectedPcrs.builder().accept(0, PCR0).accept(1, PCR1).accept(2, PCR2).build()).anyAge()
                .build();
    }

    @AfterAll
    static void stopAgent() {
        server.close();
        nsm.close();
    }

    @Test
    void concurrentClientsGetDocumentsThatVerifyWithTheirNoncesAndThePinnedPcrs() throws Exception {
        int clients = 4;
        int requestsEach = 3;
        ExecutorService executor = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int clientNumber = c;
                results.add(executor.submit(() -> {
                    int verified = 0;
                    try (AgentClient client = AgentClient.connect(endpoint)) {
                        for (int r = 0; r < requestsEach; r++) {
                            byte[] nonce = ("nonce " + clientNumber + "/" + r).getBytes(StandardCharsets.US_ASCII);
                            byte[] document = client.attestation(nonce);
                            VerifiedAttestation attestation = verifier.verify(document, Expectations.nonce(nonce));
                            assertEquals(emulator.moduleId(), attestation.moduleId());
                            assertTrue(attestation.publicKey().isEmpty() && attestation.userData().isEmpty(),
                                    "without a binding file, a document binds the nonce alone");
                            verified++;
                        }
                    }
                    return verified;
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(requestsEach, result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void theClientOffersEveryOperation() throws Exception {
        try (AgentClient client = AgentClient.connect(endpoint)) {
            client.health();
            AgentResponse.Pcr pcr0 = client.describePcr(0);
            assertEquals(new AgentResponse.Pcr(0, true, Bytes.of(PCR0)), pcr0);
            AgentResponse.NsmInfo info = client.describeNsm();
            assertEquals(emulator.moduleId(), info.moduleId());
            assertEquals(32, info.maxPcrs());
            assertEquals("SHA384", info.digest());
            assertEquals("1.0.0", info.version());
            AgentErrorException e = assertThrows(AgentErrorException.class, () -> client.describePcr(32));
            assertEquals(AgentErrorCode.NSM_ERROR, e.code());
            assertTrue(e.getMessage().contains("InvalidIndex"), e.getMessage());
            client.health();
        }
    }

    @Test
    void everyHostileFrameGetsItsAnswerWhileAGoodClientIsServedAfterEachStep() throws Exception {
        int port = ((TcpEndpoint) endpoint).port();
        List<RawAgentClient> hostile = new ArrayList<>();
        try (AgentClient good = AgentClient.connect(endpoint)) {
            assertServed(good, "before any hostile frame");

            RawAgentClient halfSent = RawAgentClient.tcp(port);
            hostile.add(halfSent);
            // A header announcing 20 bytes and one byte of them: the agent waits for the rest.
            halfSent.send(new byte[] {0, 0, 0, 20, (byte) 0xa1});
            assertServed(good, "while a frame is held half-sent");

            RawAgentClient oversize = RawAgentClient.tcp(port);
            hostile.add(oversize);
            oversize.send(ByteBuffer.allocate(8).putInt(65537).putInt(0).array());
            assertFailure(AgentErrorCode.TOO_LARGE, "The frame has length 65537; a frame carries at most 65536 bytes.",
                    oversize.receive());
            assertTrue(oversize.closedByAgent(), "broken framing: answered once, then closed");
            assertServed(good, "after a frame over the limit");

            RawAgentClient empty = RawAgentClient.tcp(port);
            hostile.add(empty);
            empty.send(new byte[4]);
            assertFailure(AgentErrorCode.BAD_REQUEST, "The frame has length 0; a frame carries 1 to 65536 bytes.",
                    empty.receive());
            assertTrue(empty.closedByAgent(), "length 0: answered once, then closed");
            assertServed(good, "after a frame of length 0");

            RawAgentClient garbage = RawAgentClient.tcp(port);
            hostile.add(garbage);
            assertFailure(AgentErrorCode.BAD_REQUEST, garbage.exchange("hello".getBytes(StandardCharsets.US_ASCII)));
            assertInstanceOf(AgentResponse.Healthy.class, garbage.exchange(HEALTH), "garbage leaves framing intact");
            assertServed(good, "after garbage");

            RawAgentClient unknownOp = RawAgentClient.tcp(port);
            hostile.add(unknownOp);
            assertFailure(AgentErrorCode.UNKNOWN_OP, "The op \"format-disk\" is not one of attestation, describe-pcr, "
                    + "describe-nsm, health.", unknownOp.exchange(new CborWriter().rawHex("a1").text("op")
                    .text("format-disk").toByteArray()));
            assertInstanceOf(AgentResponse.Healthy.class, unknownOp.exchange(HEALTH), "an unknown op keeps it open");
            assertServed(good, "after an unknown op");

            RawAgentClient raw = RawAgentClient.tcp(port);
            hostile.add(raw);
            // Each of these leaves the framing intact, so the same connection goes on working.
            assertFailure(AgentErrorCode.BAD_REQUEST, raw.exchange(
                    new CborWriter().rawHex("bf").text("op").text("health").rawHex("ff").toByteArray()));
            assertFailure(AgentErrorCode.BAD_REQUEST, raw.exchange(
                    new CborWriter().rawHex("a2").text("op").text("health").text("op").text("health").toByteArray()));
            assertFailure(AgentErrorCode.UNKNOWN_OP, raw.exchange(new CborWriter().rawHex("a3").text("op")
                    .text("extend-pcr").text("index").rawHex("10").text("data").rawHex("4101").toByteArray()));
            assertFailure(AgentErrorCode.BAD_REQUEST, raw.exchange(
                    new CborWriter().rawHex("a2").text("op").text("attestation").text("nonce").text("abc")
                            .toByteArray()));
            assertFailure(AgentErrorCode.TOO_LARGE, raw.exchange(new CborWriter().rawHex("a2").text("op")
                    .text("attestation").text("nonce").rawHex("590401" + "00".repeat(1025)).toByteArray()));
            assertFailure(AgentErrorCode.NSM_ERROR, raw.exchange(AgentMessages.encodeRequest(
                    new AgentRequest.DescribePcr(40))));
            assertInstanceOf(AgentResponse.Healthy.class, raw.exchange(HEALTH));
            assertServed(good, "after malformed requests");

            try (RawAgentClient truncated = RawAgentClient.tcp(port)) {
                truncated.send(new byte[] {0, 0, 1, 0, 1, 2});
            }
            assertServed(good, "after a frame cut short by the client leaving");

            AgentResponse.Pcr pcr16 = good.describePcr(16);
            assertFalse(pcr16.locked(), "no request could lock PCR16");
            assertEquals(Bytes.of(new byte[48]), pcr16.data(), "no request could extend PCR16");
            assertFalse(halfSent.closedByAgentWithin(Duration.ofMillis(200)),
                    "the half-sent frame was held open by the agent throughout");
        } finally {
            for (RawAgentClient client : hostile) {
                client.close();
            }
        }
    }

    @Test
    void clientTextInAFailureMessageComesBackEscapedOnOneLine() throws Exception {
        String key = "x\n2026-01-01T00:00:00Z enclave-agent: forged\u001b[2K\u2028";
        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        String keyHex = HexFormat.of().toHexDigits((byte) 0x78) + HexFormat.of().toHexDigits((byte) utf8.length)
                + HexFormat.of().formatHex(utf8);
        byte[] body = new CborWriter().rawHex("a3").text("op").text("health")
                .rawHex(keyHex).rawHex("01").rawHex(keyHex).rawHex("02")
                .toByteArray();
        try (RawAgentClient raw = RawAgentClient.tcp(((TcpEndpoint) endpoint).port())) {
            AgentResponse.Failure failure = assertInstanceOf(AgentResponse.Failure.class, raw.exchange(body));
            assertEquals(AgentErrorCode.BAD_REQUEST, failure.code());
            assertEquals("The request is not one definite-length CBOR map with text keys: The map at offset 0 has the "
                    + "key \"x\\n2026-01-01T00:00:00Z enclave-agent: forged\\x1b[2K\\u2028\" twice.",
                    failure.message());
        }
    }

    @Test
    void theLogHasOneLinePerRequestWithSizesButNoNonce() throws Exception {
        byte[] nonce = HexFormat.of().parseHex("5ec2e75ec2e75ec2e7");
        try (AgentClient client = AgentClient.connect(endpoint)) {
            client.attestation(nonce);
        }
        // The agent logs after it has answered, so the line may come a moment after the answer.
        List<String> lines = List.of();
        for (int attempt = 0; attempt < 100 && lines.isEmpty(); attempt++) {
            Thread.sleep(50);
            lines = LOG.stream().filter(line -> line.contains("op=attestation nonce=9B")).toList();
        }
        assertEquals(1, lines.size(), LOG.toString());
        assertTrue(lines.get(0).contains("op=attestation nonce=9B -> ok ("), lines.get(0));
        assertTrue(LOG.stream().noneMatch(line -> line.toLowerCase().contains("5ec2e7")), "no nonce in the log");
    }

    /** The good client gets a document that verifies with its nonce. */
    private static void assertServed(AgentClient client, String when) throws Exception {
        byte[] nonce = ("good " + when).getBytes(StandardCharsets.US_ASCII);
        VerifiedAttestation attestation = verifier.verify(client.attestation(nonce),
                Expectations.nonce(nonce));
        assertEquals(emulator.moduleId(), attestation.moduleId(), when);
    }

    private static void assertFailure(AgentErrorCode expected, String message, AgentResponse response) {
        AgentResponse.Failure failure = assertInstanceOf(AgentResponse.Failure.class, response);
        assertEquals(new AgentResponse.Failure(expected, message), failure);
    }

    private static void assertFailure(AgentErrorCode expected, AgentResponse response) {
        AgentResponse.Failure failure = assertInstanceOf(AgentResponse.Failure.class, response);
        assertEquals(expected, failure.code(), failure.message());
        assertFalse(failure.message().isBlank());
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[48];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
