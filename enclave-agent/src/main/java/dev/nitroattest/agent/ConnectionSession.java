package dev.nitroattest.agent;

import dev.nitroattest.agent.protocol.AgentErrorCode;
import dev.nitroattest.agent.protocol.AgentMessages;
import dev.nitroattest.agent.protocol.AgentProtocolException;
import dev.nitroattest.agent.protocol.AgentRequest;
import dev.nitroattest.agent.protocol.AgentResponse;
import dev.nitroattest.agent.protocol.Frames;
import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.text.LineLog;
import dev.nitroattest.text.PrintableText;
import dev.nitroattest.vsock.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * Serves one connection: frames in, one response per frame out, until the client leaves, stays idle too long, breaks
 * the framing (which is answered once before the connection is closed), or the server evicts the connection to
 * admit a new one.
 *
 * <p>Eviction never interrupts an exchange once its request has arrived: a session evicted while it decodes, asks the
 * NSM or sends the answer ends after the answer is written (which the write deadline bounds); one evicted while it
 * waits for a frame or reads one is closed at once.
 */
final class ConnectionSession implements Runnable {
    /** After broken framing, at most this much of what the client still sends is read and dropped. */
    private static final int DRAIN_LIMIT_BYTES = 256 * 1024;
    private static final Duration DRAIN_TIME = Duration.ofSeconds(1);

    private final long id;
    private final Connection connection;
    private final RequestHandler handler;
    private final AgentSettings settings;
    private final LineLog log;
    private final Runnable onEnd;
    private long lastExchangeNanos;
    private boolean answering;
    private boolean evicted;

    ConnectionSession(long id, Connection connection, RequestHandler handler, AgentSettings settings, LineLog log,
            Runnable onEnd) {
        this.id = id;
        this.connection = connection;
        this.handler = handler;
        this.settings = settings;
        this.log = log;
        this.onEnd = onEnd;
        this.lastExchangeNanos = System.nanoTime();
    }

    long id() {
        return id;
    }

    /** When the last answer was handed over, or the connection accepted if none was; System.nanoTime() based. */
    synchronized long lastExchangeNanos() {
        return lastExchangeNanos;
    }

    /** Whether this session is answering a request that has arrived whole: decoding it, at the NSM, or sending. */
    synchronized boolean isAnswering() {
        return answering;
    }

    /**
     * Makes this session end: at once, or after its answer if it is answering a request.
     *
     * @return whether the connection was closed at once
     */
    synchronized boolean evict() {
        evicted = true;
        if (!answering) {
            connection.close();
        }
        return !answering;
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
        FrameDeadlineInput input = new FrameDeadlineInput(connection, settings.idleTimeout(), settings.frameTimeout());
        while (true) {
            byte[] body;
            try {
                input.awaitNextFrame();
                body = Frames.read(input);
            } catch (AgentProtocolException e) {
                answerOnceAndClose(e);
                return;
            } catch (SocketTimeoutException e) {
                log.line(prefix() + (input.inFrame()
                        ? "closed: its request frame did not arrive within " + settings.frameTimeout().toMillis()
                                + " ms"
                        : "closed: idle for " + settings.idleTimeout().toMillis() + " ms"));
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

    /** Answers one frame; false if the session ends here (the answer could not be sent, or it was evicted). */
    private boolean answer(byte[] body) {
        if (!startAnswering()) {
            return false;
        }
        long start = System.nanoTime();
        String summary = "op=? (" + body.length + "-byte frame)";
        AgentResponse response;
        boolean sent;
        try {
            try {
                AgentRequest request = AgentMessages.decodeRequest(body);
                summary = RequestSummary.of(request);
                response = handler.handle(request);
            } catch (AgentProtocolException e) {
                response = failure(e.code(), e.getMessage());
            } catch (RuntimeException e) {
                log.line(prefix() + "internal error: " + e);
                response = failure(AgentErrorCode.INTERNAL, "The agent failed while handling the request.");
            }
            // The exchange counts as done once its answer is handed over, before the client can have read it.
            exchangeCompleted();
            sent = send(response);
        } finally {
            stopAnswering();
        }
        log.line(prefix() + summary + " -> " + RequestSummary.outcome(response)
                + " in " + (System.nanoTime() - start) / 1_000_000 + " ms" + (sent ? "" : " (not delivered)"));
        return sent && !isEvicted();
    }

    /** False if the session was evicted (and so closed) after its request arrived but before it was answered. */
    private synchronized boolean startAnswering() {
        if (evicted) {
            return false;
        }
        answering = true;
        return true;
    }

    private synchronized void stopAnswering() {
        answering = false;
    }

    private synchronized void exchangeCompleted() {
        lastExchangeNanos = System.nanoTime();
    }

    private synchronized boolean isEvicted() {
        return evicted;
    }

    /**
     * Client text reaches failure messages as it was sent (a duplicate key, an unknown op): the answer is where it is
     * escaped, so that it stays one printable line.
     */
    private static AgentResponse.Failure failure(AgentErrorCode code, String message) {
        return new AgentResponse.Failure(code, PrintableText.escape(message));
    }

    private void answerOnceAndClose(AgentProtocolException e) {
        boolean sent = send(failure(e.code(), e.getMessage()));
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
            // The write deadline: a client that stops reading is cut off after the idle timeout.
            connection.timeout(settings.idleTimeout());
            Frames.write(connection.output(), AgentMessages.encodeResponse(response));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String prefix() {
        return "conn=" + id + " peer=" + connection.peer() + " ";
    }

    /**
     * One-line descriptions of requests and outcomes for the log: sizes only, never nonces or other contents. A
     * refused caller binding is logged by its code like any refusal (CALLER_BINDING_REFUSED).
     */
    static final class RequestSummary {
        private RequestSummary() {}

        static String of(AgentRequest request) {
            if (request instanceof AgentRequest.Attestation r) {
                return "op=attestation nonce=" + size(r.nonce());
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
