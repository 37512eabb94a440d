package dev.nitroattest.testing;

import dev.nitroattest.agent.protocol.AgentMessages;
import dev.nitroattest.agent.protocol.AgentResponse;
import dev.nitroattest.agent.protocol.Frames;
import dev.nitroattest.vsock.ConnectEndpoint;
import dev.nitroattest.vsock.Connection;
import dev.nitroattest.vsock.TcpEndpoint;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A client that sends whatever bytes a test wants to the agent, for hostile frames, over any endpoint: TCP on
 * 127.0.0.1 in the agent's tests, vsock:1 in the guest kernel's (with waits long enough for TCG). It is also the
 * client of the agent's bridges, which carry raw bytes.
 */
public final class RawAgentClient implements AutoCloseable {
    private final Connection connection;
    private final Duration readWait;

    /**
     * Connects.
     *
     * @param readWait how long a read waits before the agent counts as silent
     */
    public RawAgentClient(ConnectEndpoint endpoint, Duration connectWait, Duration readWait) throws IOException {
        this.connection = endpoint.connect(connectWait);
        this.readWait = readWait;
        connection.timeout(readWait);
    }

    /** A client of the agent on 127.0.0.1:port, connecting within 5 s and reading within 10 s. */
    public static RawAgentClient tcp(int port) throws IOException {
        return new RawAgentClient(new TcpEndpoint("127.0.0.1", port), Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    /** A frame whose header says what the body's length is. */
    public static byte[] frame(byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }

    /** Sends the bytes as they are. */
    public void send(byte[] bytes) throws IOException {
        connection.output().write(bytes);
        connection.output().flush();
    }

    /** Sends the body as one frame and reads the answer. */
    public AgentResponse exchange(byte[] body) throws Exception {
        send(frame(body));
        return receive();
    }

    /** Sends end of stream; reading still works. */
    public void endOutput() throws IOException {
        connection.shutdownOutput();
    }

    /** Reads exactly this many raw bytes. */
    public byte[] read(int length) throws IOException {
        byte[] bytes = connection.input().readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("closed after " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    /** Reads raw bytes until end of stream. */
    public byte[] readToEnd() throws IOException {
        return connection.input().readAllBytes();
    }

    /** Reads one answer. */
    public AgentResponse receive() throws Exception {
        byte[] body = Frames.read(connection.input());
        if (body == null) {
            throw new IOException("closed without an answer");
        }
        return AgentMessages.decodeResponse(body);
    }

    /**
     * True if the agent closed the connection within the read wait: end of stream, or a reset. False if it sent a
     * byte, or stayed silent for all that time.
     */
    public boolean closedByAgent() {
        try {
            return connection.input().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** As {@link #closedByAgent()}, waiting at most this long. */
    public boolean closedByAgentWithin(Duration wait) throws IOException {
        connection.timeout(wait);
        try {
            return closedByAgent();
        } finally {
            connection.timeout(readWait);
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
