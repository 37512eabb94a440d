package dev.nitroattest.agent;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.agent.protocol.AgentMessages;
import dev.nitroattest.agent.protocol.AgentRequest;
import dev.nitroattest.agent.protocol.AgentResponse;
import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.vsock.ListenEndpoint;
import dev.nitroattest.vsock.TcpEndpoint;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The connection limit and the idle and frame timeouts, with a small agent (2 connections, 300 ms). */
@Timeout(60)
class AgentLimitsTest {
    private static final byte[] HEALTH = AgentMessages.encodeRequest(new AgentRequest.Health());
    private final List<String> log = new CopyOnWriteArrayList<>();
    private NsmClient nsm;
    private AgentServer server;
    private int port;

    @BeforeEach
    void startAgent() throws Exception {
        nsm = new NsmClient(EmulatedNsm.builder().build());
        server = AgentServer.start(ListenEndpoint.parse("tcp:127.0.0.1:0"), nsm,
                new AgentSettings(2, Duration.ofMillis(300)), log::add);
        port = ((TcpEndpoint) server.endpoint()).port();
    }

    @AfterEach
    void stopAgent() {
        server.close();
        nsm.close();
    }

    @Test
    void aConnectionOverTheLimitIsClosedAndServedOnceASlotIsFree() throws Exception {
        try (RawClient first = new RawClient(port); RawClient second = new RawClient(port)) {
            assertInstanceOf(AgentResponse.Healthy.class, first.exchange(HEALTH));
            assertInstanceOf(AgentResponse.Healthy.class, second.exchange(HEALTH));
            try (RawClient third = new RawClient(port)) {
                assertTrue(third.closedByAgent(), "the third connection is closed unanswered");
            }
        }
        assertTrue(healthyWithinAttempts(50), "a slot frees when a client leaves");
        assertTrue(log.stream().anyMatch(line -> line.contains("2 connections are open already")), log.toString());
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        try (RawClient idle = new RawClient(port)) {
            assertInstanceOf(AgentResponse.Healthy.class, idle.exchange(HEALTH));
            assertTrue(idle.closedByAgent(), "closed after 300 ms of silence (the client waits up to 10 s)");
        }
    }

    @Test
    void aFrameTrickledInSlowerThanTheTimeoutIsDropped() throws Exception {
        byte[] frame = RawClient.frame(HEALTH);
        boolean dropped = false;
        try (RawClient slow = new RawClient(port)) {
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
        assertTrue(log.stream().anyMatch(line -> line.contains("idle or too slow")), log.toString());
    }

    private boolean healthyWithinAttempts(int attempts) throws Exception {
        for (int attempt = 0; attempt < attempts; attempt++) {
            try (RawClient client = new RawClient(port)) {
                if (client.exchange(HEALTH) instanceof AgentResponse.Healthy) {
                    return true;
                }
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        return false;
    }
}
