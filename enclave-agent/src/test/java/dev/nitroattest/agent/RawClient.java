package dev.nitroattest.agent;

import dev.nitroattest.agent.protocol.AgentMessages;
import dev.nitroattest.agent.protocol.AgentResponse;
import dev.nitroattest.agent.protocol.Frames;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/** A TCP client on 127.0.0.1 that sends whatever bytes a test wants, for hostile frames. */
final class RawClient implements AutoCloseable {
    private final Socket socket = new Socket();

    RawClient(int port) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
    }

    /** A frame whose header says what the body's length is. */
    static byte[] frame(byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }

    void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    AgentResponse exchange(byte[] body) throws Exception {
        send(frame(body));
        return receive();
    }

    AgentResponse receive() throws Exception {
        byte[] body = Frames.read(socket.getInputStream());
        if (body == null) {
            throw new IOException("closed without an answer");
        }
        return AgentMessages.decodeResponse(body);
    }

    /**
     * True if the agent closed the connection within the read timeout (10 s): end of stream, or a reset. False if it
     * sent a byte, or stayed silent for all that time.
     */
    boolean closedByAgent() {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** As {@link #closedByAgent()}, waiting at most this long. */
    boolean closedByAgentWithin(Duration wait) throws IOException {
        int usual = socket.getSoTimeout();
        socket.setSoTimeout(Math.toIntExact(wait.toMillis()));
        try {
            return closedByAgent();
        } finally {
            socket.setSoTimeout(usual);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
