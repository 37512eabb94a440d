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
import dev.nitroattest.attestation.Bytes;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.ExpectedPcrs;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.testing.CborHex;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
                new AgentSettings(16, Duration.ofSeconds(20)), LOG::add);
        endpoint = (TcpEndpoint) server.endpoint();
        verifier = AttestationVerifier.builder()
                .trustAnchors(TrustAnchor.fromPem(emulator.rootCertificatePem()))
                .expectPcrs(ExpectedPcrs.builder().accept(0, PCR0).accept(1, PCR1).accept(2, PCR2).build())
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
                            byte[] userData = {(byte) clientNumber};
                            byte[] document = client.attestation(nonce, userData, null);
                            VerifiedAttestation attestation = verifier.verify(document,
                                    Expectations.nonce(nonce).withUserData(userData));
                            assertEquals(emulator.moduleId(), attestation.moduleId());
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
    void everyHostileFrameIsAnsweredWhileOtherClientsKeepWorking() throws Exception {
        AtomicBoolean hostilityOver = new AtomicBoolean();
        AtomicInteger goodAnswers = new AtomicInteger();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<?> wellBehaved = executor.submit(() -> {
                try (AgentClient client = AgentClient.connect(endpoint)) {
                    while (!hostilityOver.get()) {
                        byte[] nonce = HexFormat.of().parseHex("c0ffee");
                        verifier.verify(client.attestation(nonce, null, null), Expectations.nonce(nonce));
                        goodAnswers.incrementAndGet();
                    }
                }
                return null;
            });

            int port = ((TcpEndpoint) endpoint).port();
            try (RawClient raw = new RawClient(port)) {
                raw.send(ByteBuffer.allocate(8).putInt(65537).putInt(0).array());
                assertFailure(AgentErrorCode.TOO_LARGE, raw.receive());
                assertTrue(raw.closedByAgent(), "broken framing: answered once, then closed");
            }
            try (RawClient raw = new RawClient(port)) {
                raw.send(new byte[4]);
                assertFailure(AgentErrorCode.BAD_REQUEST, raw.receive());
                assertTrue(raw.closedByAgent(), "length 0: answered once, then closed");
            }
            try (RawClient raw = new RawClient(port)) {
                // Each of these leaves the framing intact, so the same connection goes on working.
                assertFailure(AgentErrorCode.BAD_REQUEST, raw.exchange("hello".getBytes(StandardCharsets.US_ASCII)));
                assertFailure(AgentErrorCode.BAD_REQUEST, raw.exchange(
                        new CborHex().raw("bf").text("op").text("health").raw("ff").bytes()));
                assertFailure(AgentErrorCode.BAD_REQUEST, raw.exchange(
                        new CborHex().raw("a2").text("op").text("health").text("op").text("health").bytes()));
                assertFailure(AgentErrorCode.UNKNOWN_OP, raw.exchange(
                        new CborHex().raw("a1").text("op").text("format-disk").bytes()));
                assertFailure(AgentErrorCode.UNKNOWN_OP, raw.exchange(new CborHex().raw("a3").text("op")
                        .text("extend-pcr").text("index").raw("10").text("data").raw("4101").bytes()));
                assertFailure(AgentErrorCode.BAD_REQUEST, raw.exchange(
                        new CborHex().raw("a2").text("op").text("attestation").text("nonce").text("abc").bytes()));
                assertFailure(AgentErrorCode.TOO_LARGE, raw.exchange(new CborHex().raw("a2").text("op")
                        .text("attestation").text("nonce").raw("590401" + "00".repeat(1025)).bytes()));
                assertFailure(AgentErrorCode.NSM_ERROR, raw.exchange(AgentMessages.encodeRequest(
                        new AgentRequest.DescribePcr(40))));
                assertInstanceOf(AgentResponse.Healthy.class, raw.exchange(AgentMessages.encodeRequest(
                        new AgentRequest.Health())));
            }
            try (RawClient raw = new RawClient(port)) {
                raw.send(new byte[] {0, 0, 1, 0, 1, 2});
            }
            try (AgentClient client = AgentClient.connect(endpoint)) {
                AgentResponse.Pcr pcr16 = client.describePcr(16);
                assertFalse(pcr16.locked(), "no request could lock PCR16");
                assertEquals(Bytes.of(new byte[48]), pcr16.data(), "no request could extend PCR16");
            }
            hostilityOver.set(true);
            wellBehaved.get(60, TimeUnit.SECONDS);
            assertTrue(goodAnswers.get() > 0, "the well-behaved client was answered throughout");
        } finally {
            hostilityOver.set(true);
            executor.shutdownNow();
        }
    }

    @Test
    void theLogHasOneLinePerRequestWithSizesButNoNonce() throws Exception {
        byte[] nonce = HexFormat.of().parseHex("5ec2e75ec2e75ec2e7");
        try (AgentClient client = AgentClient.connect(endpoint)) {
            client.attestation(nonce, null, null);
        }
        // The agent logs after it has answered, so the line may come a moment after the answer.
        List<String> lines = List.of();
        for (int attempt = 0; attempt < 100 && lines.isEmpty(); attempt++) {
            Thread.sleep(50);
            lines = LOG.stream().filter(line -> line.contains("op=attestation nonce=9B")).toList();
        }
        assertEquals(1, lines.size(), LOG.toString());
        assertTrue(lines.get(0).contains("user_data=- public_key=- -> ok ("), lines.get(0));
        assertTrue(LOG.stream().noneMatch(line -> line.toLowerCase().contains("5ec2e7")), "no nonce in the log");
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
