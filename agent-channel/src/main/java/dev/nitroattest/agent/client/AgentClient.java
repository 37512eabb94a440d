package dev.nitroattest.agent.client;

import dev.nitroattest.agent.protocol.AgentMessages;
import dev.nitroattest.agent.protocol.AgentProtocolException;
import dev.nitroattest.agent.protocol.AgentRequest;
import dev.nitroattest.agent.protocol.AgentResponse;
import dev.nitroattest.agent.protocol.Frames;
import dev.nitroattest.vsock.ConnectEndpoint;
import dev.nitroattest.vsock.Connection;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * One connection to an enclave agent, carrying any number of request/response exchanges, one at a time
 * (thread-safe; concurrent callers wait their turn). A failure response throws {@link AgentErrorException} and keeps
 * the connection; a transport failure or a malformed answer throws {@link IOException} and closes it.
 *
 * <pre>{@code
 * try (AgentClient agent = AgentClient.connect(ConnectEndpoint.parse("vsock:16:5000"))) {
 *     byte[] document = agent.attestation(nonce);
 * }
 * }</pre>
 */
public final class AgentClient implements Closeable {
    /** Default time to wait for the connection to be made. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default time each read and write may wait; an attestation takes well under a second on a real NSM. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    private final Connection connection;
    private boolean broken;

    private AgentClient(Connection connection) {
        this.connection = connection;
    }

    /** Connects with {@link #DEFAULT_CONNECT_TIMEOUT} and {@link #DEFAULT_READ_TIMEOUT}. */
    public static AgentClient connect(ConnectEndpoint endpoint) throws IOException {
        return connect(endpoint, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
    }

    /**
     * Connects to the agent.
     *
     * @param readTimeout how long each read or write of an exchange may wait before it fails
     */
    public static AgentClient connect(ConnectEndpoint endpoint, Duration connectTimeout, Duration readTimeout)
            throws IOException {
        Objects.requireNonNull(endpoint, "endpoint");
        Connection connection = endpoint.connect(connectTimeout);
        try {
            connection.timeout(readTimeout);
        } catch (IOException e) {
            connection.close();
            throw e;
        }
        return new AgentClient(connection);
    }

    /**
     * An attestation document carrying this nonce, and the public key and user data the enclave itself chose, if it
     * chose any (a caller chooses neither: docs/protocol.md). To bind context of your own, such as a digest of the
     * request being answered, put it in the nonce.
     *
     * @param nonce at most 1024 bytes; null leaves it out (the document then proves no freshness)
     * @return the document (COSE_Sign1 bytes), to be verified by the relying party
     */
    public byte[] attestation(byte[] nonce) throws IOException, AgentErrorException {
        AgentRequest request = AgentRequest.Attestation.of(nonce);
        return exchange(request, AgentResponse.Document.class).document().toByteArray();
    }

    /** A PCR's value and lock state. */
    public AgentResponse.Pcr describePcr(int index) throws IOException, AgentErrorException {
        return exchange(new AgentRequest.DescribePcr(index), AgentResponse.Pcr.class);
    }

    /** The NSM's description. */
    public AgentResponse.NsmInfo describeNsm() throws IOException, AgentErrorException {
        return exchange(new AgentRequest.DescribeNsm(), AgentResponse.NsmInfo.class);
    }

    /** Returns if the agent answers; throws otherwise. */
    public void health() throws IOException, AgentErrorException {
        exchange(new AgentRequest.Health(), AgentResponse.Healthy.class);
    }

    @Override
    public void close() {
        connection.close();
    }

    private synchronized <T extends AgentResponse> T exchange(AgentRequest request, Class<T> expected)
            throws IOException, AgentErrorException {
        if (broken) {
            throw new IOException("The connection to the agent failed earlier and is closed; connect again.");
        }
        AgentResponse response;
        try {
            Frames.write(connection.output(), AgentMessages.encodeRequest(request));
            byte[] body = Frames.read(connection.input());
            if (body == null) {
                throw new EOFException("The agent closed the connection without answering.");
            }
            response = AgentMessages.decodeResponse(body);
        } catch (AgentProtocolException e) {
            throw fail(new AgentResponseException(e.getMessage()));
        } catch (IOException e) {
            throw fail(e);
        }
        if (response instanceof AgentResponse.Failure failure) {
            throw new AgentErrorException(failure.code(), failure.message());
        }
        if (!expected.isInstance(response)) {
            throw fail(new AgentResponseException("The agent answered " + request.op() + " with a "
                    + response.getClass().getSimpleName() + " response."));
        }
        return expected.cast(response);
    }

    private IOException fail(IOException e) {
        broken = true;
        connection.close();
        return e;
    }
}
