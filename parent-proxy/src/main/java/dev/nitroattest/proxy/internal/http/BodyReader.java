package dev.nitroattest.proxy.internal.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body without blocking a thread, and keeps at most a limit of it (a body that lies about its
 * length, or is chunked, cannot make the proxy buffer more than the limit).
 *
 * <p>A body over the limit is still read to its end, and thrown away, up to a second, larger bound before the
 * refusal goes out. Answering while the client is still sending would close the connection with unread bytes in
 * it: the kernel then resets the connection, and the client may lose the answer that explains its refusal. A body
 * past the discard bound is refused at once, with that risk, because reading on would be working for an abuser.
 */
final class BodyReader implements Runnable {

    /** What happens next; exactly one method is called, once. */
    interface Outcome {
        void read(byte[] body);

        void tooLarge();

        void failed(Throwable failure);
    }

    private final Request request;
    private final int limit;
    private final long discardLimit;
    private final Outcome outcome;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(512);
    private long discarded;
    private boolean overLimit;

    private BodyReader(Request request, int limit, long discardLimit, Outcome outcome) {
        this.request = request;
        this.limit = limit;
        this.discardLimit = discardLimit;
        this.outcome = outcome;
    }

    /**
     * Reads the body, keeping up to {@code limit} bytes; past it, discards up to {@code discardLimit} bytes in all
     * before calling {@link Outcome#tooLarge()}.
     */
    static void read(Request request, int limit, long discardLimit, Outcome outcome) {
        new BodyReader(request, limit, discardLimit, outcome).run();
    }

    /** Discards the whole body (up to {@code discardLimit} bytes), then calls {@link Outcome#tooLarge()}. */
    static void discard(Request request, long discardLimit, Outcome outcome) {
        BodyReader reader = new BodyReader(request, 0, discardLimit, outcome);
        reader.overLimit = true;
        reader.run();
    }

    /** Reads what has arrived; asks Jetty to call again when more does. */
    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                chunk.release();
                if (overLimit) {
                    outcome.tooLarge();
                } else {
                    outcome.failed(chunk.getFailure());
                }
                return;
            }
            ByteBuffer buffer = chunk.getByteBuffer();
            boolean last = chunk.isLast();
            int length = buffer.remaining();
            if (!overLimit && body.size() + length > limit) {
                overLimit = true;
                discarded = body.size();
                body.reset();
            }
            if (overLimit) {
                discarded += length;
                chunk.release();
                if (last || discarded > discardLimit) {
                    outcome.tooLarge();
                    return;
                }
                continue;
            }
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            body.write(bytes, 0, bytes.length);
            chunk.release();
            if (last) {
                outcome.read(body.toByteArray());
                return;
            }
        }
    }
}
