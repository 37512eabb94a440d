package dev.nitroattest.guest;

import dev.nitroattest.agent.protocol.AgentMessages;
import dev.nitroattest.agent.protocol.AgentResponse;
import dev.nitroattest.agent.protocol.Frames;
import dev.nitroattest.vsock.ConnectEndpoint;
import dev.nitroattest.vsock.Connection;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A vsock client that sends whatever bytes a check wants, for hostile frames: the guest's counterpart of the agent
 * tests' TCP {@code RawClient}, with waits made long for TCG.
 */
final class VsockRawClient implements AutoCloseable {
    /** How long a read waits before "the agent stayed silent": far beyond any answer under TCG. */
    static final Duration READ_WAIT = Duration.ofSeconds(120);

    private final Connection connection;

    VsockRawClient(ConnectEndpoint endpoint) throws IOException {
        connection = endpoint.connect(Duration.ofSeconds(60));
        connection.timeout(READ_WAIT);
    }

    static byte[] frame(byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }

    void send(byte[] bytes) throws IOException {
        connection.output().write(bytes);
        connection.output().flush();
    }

    AgentResponse exchange(byte[] body) throws Exception {
        send(frame(body));
        return receive();
    }

    AgentResponse receive() throws Exception {
        byte[] body = Frames.read(connection.input());
        if (body == null) {
            throw new IOException("closed without an answer");
        }
        return AgentMessages.decodeResponse(body);
    }

    /** True if the agent closed the connection (end of stream or a reset) before {@link #READ_WAIT}. */
    boolean closedByAgent() {
        try {
            return connection.input().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** As {@link #closedByAgent()}, waiting at most this long. */
    boolean closedByAgentWithin(Duration wait) throws IOException {
        connection.timeout(wait);
        try {
            return closedByAgent();
        } finally {
            connection.timeout(READ_WAIT);
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
