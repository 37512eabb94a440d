package dev.nitroattest.agent;

import dev.nitroattest.agent.protocol.AgentErrorCode;
import dev.nitroattest.agent.protocol.AgentMessages;
import dev.nitroattest.agent.protocol.AgentProtocolException;
import dev.nitroattest.agent.protocol.AgentRequest;
import dev.nitroattest.agent.protocol.AgentResponse;
import dev.nitroattest.agent.protocol.Frames;
import dev.nitroattest.attestation.Bytes;
import dev.nitroattest.vsock.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * Serves one connection: frames in, one response per frame out, until the client leaves, stays idle too long, or
 * breaks the framing (which is answered once before the connection is closed).
 */
final class ConnectionSession implements Runnable {
    /** After broken framing, at most this much of what the client still sends is read and dropped. */
    private static final int DRAIN_LIMIT_BYTES = 256 * 1024;
    private static final Duration DRAIN_TIME = Duration.ofSeconds(1);

    private final long id;
    private final Connection connection;
    private final RequestHandler handler;
    private final Duration idleTimeout;
    private final AgentLog log;
    private final Runnable onEnd;

    ConnectionSession(long id, Connection connection, RequestHandler handler, Duration idleTimeout, AgentLog log,
            Runnable onEnd) {
        this.id = id;
        this.connection = connection;
        this.handler = handler;
        this.idleTimeout = idleTimeout;
        this.log = log;
        this.onEnd = onEnd;
    }

    void close() {
        connection.close();
    }

    @Override
    public void run() {
        try {
            serve();
        } catch (RuntimeException e) {
            log.line(prefix() + "closed after an internal error: " + e);
        } finally {
            connection.close();
            onEnd.run();
        }
    }

    private void serve() {
        FrameDeadlineInput input = new FrameDeadlineInput(connection, idleTimeout);
        while (true) {
            byte[] body;
            try {
                input.awaitNextFrame();
                body = Frames.read(input);
            } catch (AgentProtocolException e) {
                answerOnceAndClose(e);
                return;
            } catch (SocketTimeoutException e) {
                log.line(prefix() + "closed: idle or too slow for " + idleTimeout.toMillis() + " ms");
                return;
            } catch (IOException e) {
                return;
            }
            if (body == null) {
                return;
            }
            if (!answer(body)) {
                return;
            }
        }
    }

    /** Answers one frame; false if the answer could not be sent. */
    private boolean answer(byte[] body) {
        long start = System.nanoTime();
        String summary;
        AgentResponse response;
        try {
            AgentRequest request = AgentMessages.decodeRequest(body);
            summary = RequestSummary.of(request);
            response = handler.handle(request);
        } catch (AgentProtocolException e) {
            summary = "op=? (" + body.length + "-byte frame)";
            response = new AgentResponse.Failure(e.code(), e.getMessage());
        } catch (RuntimeException e) {
            summary = "op=? (" + body.length + "-byte frame)";
            log.line(prefix() + "internal error: " + e);
            response = new AgentResponse.Failure(AgentErrorCode.INTERNAL,
                    "The agent failed while handling the request.");
        }
        boolean sent = send(response);
        log.line(prefix() + summary + " -> " + RequestSummary.outcome(response)
                + " in " + (System.nanoTime() - start) / 1_000_000 + " ms" + (sent ? "" : " (not delivered)"));
        return sent;
    }

    private void answerOnceAndClose(AgentProtocolException e) {
        boolean sent = send(new AgentResponse.Failure(e.code(), e.getMessage()));
        log.line(prefix() + "broken framing -> " + e.code() + " (" + e.getMessage() + "); closing"
                + (sent ? "" : " (answer not delivered)"));
        if (sent) {
            drainBeforeClose();
        }
    }

    /**
     * Closing a TCP socket with unread input makes the kernel reset the connection, which can destroy the answer
     * before the client reads it. So: end our side, then read and drop a bounded amount of what the client still
     * sends, for a bounded time.
     */
    private void drainBeforeClose() {
        try {
            connection.shutdownOutput();
            connection.timeout(DRAIN_TIME);
            InputStream in = connection.input();
            byte[] sink = new byte[8192];
            long deadline = System.nanoTime() + DRAIN_TIME.toNanos();
            int drained = 0;
            while (drained < DRAIN_LIMIT_BYTES && System.nanoTime() < deadline) {
                int read = in.read(sink);
                if (read < 0) {
                    return;
                }
                drained += read;
            }
        } catch (IOException e) {
            // The client is gone or silent: either way the connection is closed next.
        }
    }

    private boolean send(AgentResponse response) {
        try {
            connection.timeout(idleTimeout);
            Frames.write(connection.output(), AgentMessages.encodeResponse(response));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String prefix() {
        return "conn=" + id + " peer=" + connection.peer() + " ";
    }

    /** One-line descriptions of requests and outcomes for the log: sizes only, never nonces or other contents. */
    static final class RequestSummary {
        private RequestSummary() {}

        static String of(AgentRequest request) {
            if (request instanceof AgentRequest.Attestation r) {
                return "op=attestation nonce=" + size(r.nonce()) + " user_data=" + size(r.userData())
                        + " public_key=" + size(r.publicKey());
            } else if (request instanceof AgentRequest.DescribePcr r) {
                return "op=describe-pcr index=" + r.index();
            }
            return "op=" + request.op();
        }

        static String outcome(AgentResponse response) {
            if (response instanceof AgentResponse.Failure failure) {
                return failure.code() + " (" + failure.message() + ")";
            } else if (response instanceof AgentResponse.Document document) {
                return "ok (" + document.document().length() + "-byte document)";
            }
            return "ok";
        }

        private static String size(Optional<Bytes> value) {
            return value.map(bytes -> bytes.length() + "B").orElse("-");
        }
    }
}
