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
 *
 * <p>A body must also arrive at a minimum rate: after a grace period of {@value #GRACE_MILLIS} ms, at least
 * {@value #MIN_BYTES_PER_SECOND} bytes a second on average. Jetty's idle timeout only ends a connection that sends
 * nothing at all; one that trickles a byte now and then would otherwise hold its request for as long as it likes.
 * The rate is checked whenever bytes arrive; a body that stops altogether is ended by the idle timeout.
 */
final class BodyReader implements Runnable {

    /** What happens next; exactly one method is called, once. */
    interface Outcome {
        void read(byte[] body);

        void tooLarge();

        /** The body arrives more slowly than the minimum rate. */
        void tooSlow();

        void failed(Throwable failure);
    }

    /** Time to start sending, whatever the rate: a client's first bytes can follow the headers after a while. */
    static final long GRACE_MILLIS = 2_000;
    /** A body of the largest size accepted (16 KiB) takes at most 18 s at this rate. */
    static final long MIN_BYTES_PER_SECOND = 1024;

    private final long startNanos = System.nanoTime();
    private long received;
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
            received += length;
            if (!last && tooSlow()) {
                chunk.release();
                outcome.tooSlow();
                return;
            }
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

    /** Whether, past the grace period, fewer bytes have come than the minimum rate asks for. */
    private boolean tooSlow() {
        long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
        return elapsedMillis > GRACE_MILLIS
                && received * 1000 < (elapsedMillis - GRACE_MILLIS) * MIN_BYTES_PER_SECOND;
    }
}
