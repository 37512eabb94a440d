package dev.nitroattest.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.agent.protocol.AgentMessages;
import dev.nitroattest.agent.protocol.AgentRequest;
import dev.nitroattest.agent.protocol.AgentResponse;
import dev.nitroattest.nsm.Nsm;
import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.testing.RawAgentClient;
import dev.nitroattest.vsock.ListenEndpoint;
import dev.nitroattest.vsock.TcpEndpoint;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The connection limit and its eviction, and the idle and frame timeouts, with small agents. Where a test shows that
 * eviction makes room, the agent's timeouts are a minute, far beyond the clients' 10-second read timeout, so that no
 * timeout can be what closed a connection.
 */
@Timeout(60)
class AgentLimitsTest {
    private static final byte[] HEALTH = AgentMessages.encodeRequest(new AgentRequest.Health());
    private static final byte[] ATTESTATION = AgentMessages.encodeRequest(AgentRequest.Attestation.of(new byte[] {7}));
    private static final Duration MINUTE = Duration.ofMinutes(1);
    /** The start of a frame whose rest never comes: two of its four length bytes. */
    private static final byte[] HALF_HEADER = {0, 0};
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private int port;

    private void startAgent(Nsm nsm, AgentSettings settings) throws Exception {
        resources.add(nsm);
        AgentServer server = AgentServer.start(ListenEndpoint.parse("tcp:127.0.0.1:0"), nsm, settings, log::add);
        resources.add(0, server);
        port = ((TcpEndpoint) server.endpoint()).port();
    }

    private void startAgent(AgentSettings settings) throws Exception {
        startAgent(new NsmClient(EmulatedNsm.builder().build()), settings);
    }

    private RawAgentClient connect() throws IOException {
        RawAgentClient client = RawAgentClient.tcp(port);
        resources.add(0, client);
        return client;
    }

    /** Waits, at most the test's timeout, until the agent has logged a line that starts so. */
    private void awaitLogLine(String start) throws InterruptedException {
        while (log.stream().noneMatch(line -> line.startsWith(start))) {
            Thread.sleep(1);
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void whenEverySlotIsTakenTheConnectionIdleLongestMakesRoomForANewOne() throws Exception {
        startAgent(new AgentSettings(3, MINUTE, MINUTE));
        RawAgentClient idle = connect();
        assertInstanceOf(AgentResponse.Healthy.class, idle.exchange(HEALTH));
        // The client can read its answer a moment before the agent's session counts the exchange as finished (it
        // logs it right after); a session still finishing its answer is evicted last, so wait for that line.
        awaitLogLine("conn=1 ");
        RawAgentClient halfFrame = connect();
        halfFrame.send(HALF_HEADER);
        RawAgentClient recent = connect();
        assertInstanceOf(AgentResponse.Healthy.class, recent.exchange(HEALTH));
        awaitLogLine("conn=3 ");

        RawAgentClient newcomer = connect();
        assertInstanceOf(AgentResponse.Healthy.class, newcomer.exchange(HEALTH), "the newcomer is served");
        assertTrue(idle.closedByAgent(), "the connection whose last exchange is oldest made room");

        RawAgentClient another = connect();
        assertInstanceOf(AgentResponse.Healthy.class, another.exchange(HEALTH));
        assertTrue(halfFrame.closedByAgent(), "then the half-sent frame, accepted before the others' exchanges");

        assertInstanceOf(AgentResponse.Healthy.class, recent.exchange(HEALTH), "the others keep being served");
        assertInstanceOf(AgentResponse.Healthy.class, newcomer.exchange(HEALTH));
        assertTrue(log.stream().anyMatch(line -> line.startsWith("conn=1 evicted to admit a connection from "
                + "tcp:127.0.0.1:")
                && line.endsWith(": all 3 connections are taken and its last exchange is the oldest")), log.toString());
    }

    @Test
    void aClientHoldingEverySlotWithHalfSentFramesCannotLockOthersOut() throws Exception {
        startAgent(new AgentSettings(4, MINUTE, MINUTE));
        List<RawAgentClient> hostile = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            RawAgentClient client = connect();
            client.send(HALF_HEADER);
            hostile.add(client);
        }
        for (int round = 0; round < 6; round++) {
            RawAgentClient more = connect();
            more.send(HALF_HEADER);
            hostile.add(more);
            try (RawAgentClient good = RawAgentClient.tcp(port)) {
                assertInstanceOf(AgentResponse.Healthy.class, good.exchange(HEALTH), "round " + round);
            }
        }
        assertTrue(hostile.get(0).closedByAgent(), "the oldest half-sent frames were evicted");
        assertTrue(hostile.get(1).closedByAgent());
    }

    @Test
    void aRequestInsideTheNsmIsAnsweredBeforeItsConnectionMakesRoom() throws Exception {
        GatedNsm nsm = new GatedNsm(new NsmClient(EmulatedNsm.builder().build()));
        startAgent(nsm, new AgentSettings(1, MINUTE, MINUTE));
        RawAgentClient waiting = connect();
        waiting.send(RawAgentClient.frame(ATTESTATION));
        assertTrue(nsm.awaitAttestationInside());

        RawAgentClient newcomer = connect();
        newcomer.send(RawAgentClient.frame(HEALTH));
        // The newcomer takes the slot; the evicted session still runs, so the two fill the bound of twice the limit.
        RawAgentClient refused = connect();
        assertTrue(refused.closedByAgent(), "refused while the evicted session has not ended");

        nsm.open();
        assertInstanceOf(AgentResponse.Document.class, waiting.receive(), "the request at the NSM is answered");
        assertTrue(waiting.closedByAgent(), "and then its connection is closed");
        assertInstanceOf(AgentResponse.Healthy.class, newcomer.receive(), "the newcomer is served once it has ended");
        assertTrue(log.stream().anyMatch(line -> line.startsWith("conn=1 evicted")
                && line.endsWith("; it ends after the answer it is giving")), log.toString());
        assertTrue(log.stream().anyMatch(line -> line.endsWith("all 1 connections are taken and 1 evicted ones are "
                + "still ending")), log.toString());
    }

    @Test
    void aHalfSentFrameIsDroppedAfterTheFrameTimeoutLongBeforeTheIdleTimeout() throws Exception {
        startAgent(new AgentSettings(2, MINUTE, Duration.ofMillis(300)));
        RawAgentClient stalled = connect();
        stalled.send(HALF_HEADER);
        assertTrue(stalled.closedByAgent(), "closed after 300 ms, not after a minute (the client waits 10 s)");
        assertTrue(log.stream().anyMatch(line -> line.endsWith("closed: its request frame did not arrive within "
                + "300 ms")), log.toString());
        RawAgentClient quiet = connect();
        assertInstanceOf(AgentResponse.Healthy.class, quiet.exchange(HEALTH));
        assertFalse(quiet.closedByAgentWithin(Duration.ofSeconds(1)),
                "a connection silent between frames is not held to the frame timeout");
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        startAgent(new AgentSettings(2, Duration.ofMillis(300), Duration.ofMillis(300)));
        RawAgentClient idle = connect();
        assertInstanceOf(AgentResponse.Healthy.class, idle.exchange(HEALTH));
        assertTrue(idle.closedByAgent(), "closed after 300 ms of silence (the client waits up to 10 s)");
        assertTrue(log.stream().anyMatch(line -> line.endsWith("closed: idle for 300 ms")), log.toString());
    }

    @Test
    void aFrameTrickledInSlowerThanTheTimeoutIsDropped() throws Exception {
        startAgent(new AgentSettings(2, Duration.ofMillis(300), Duration.ofMillis(300)));
        byte[] frame = RawAgentClient.frame(HEALTH);
        boolean dropped = false;
        try (RawAgentClient slow = RawAgentClient.tcp(port)) {
            // One byte every 100 ms never leaves the connection idle for 300 ms, but the frame takes too long.
            for (int i = 0; i < 40 && !dropped; i++) {
                try {
                    slow.send(new byte[] {frame[Math.min(i, 3)]});
                    Thread.sleep(100);
                } catch (IOException e) {
                    dropped = true;
                }
            }
            dropped = dropped || slow.closedByAgent();
        }
        assertTrue(dropped, "the agent closed the trickling connection");
        assertTrue(log.stream().anyMatch(line -> line.endsWith("closed: its request frame did not arrive within "
                + "300 ms")), log.toString());
    }
}
