package dev.nitroattest.proxy.internal.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body without blocking a thread, and stops as soon as it grows past a limit (a body that lies
 * about its length, or is chunked, cannot make the proxy buffer more than the limit).
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
    private final Outcome outcome;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(512);

    private BodyReader(Request request, int limit, Outcome outcome) {
        this.request = request;
        this.limit = limit;
        this.outcome = outcome;
    }

    static void read(Request request, int limit, Outcome outcome) {
        new BodyReader(request, limit, outcome).run();
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
                outcome.failed(chunk.getFailure());
                return;
            }
            ByteBuffer buffer = chunk.getByteBuffer();
            boolean last = chunk.isLast();
            if (body.size() + buffer.remaining() > limit) {
                chunk.release();
                outcome.tooLarge();
                return;
            }
            byte[] bytes = new byte[buffer.remaining()];
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
