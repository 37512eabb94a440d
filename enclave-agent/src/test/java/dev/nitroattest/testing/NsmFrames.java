package dev.nitroattest.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * The Java side of the frame protocol of the test-only NSM servers ({@code src/test/native/nsm-frames/nsm_frames.h}:
 * the FUSE file of {@link FuseNsmFile} and the guest's CUSE device): each ioctl's request arrives as a frame on the
 * server's standard output, and an {@link Answerer} in this JVM, normally the emulated NSM, decides what goes back.
 */
public final class NsmFrames {
    private static final int EIO = 5;

    private NsmFrames() {
    }

    /** What the NSM answers to one request. */
    public sealed interface Answer {
        /** These response bytes. */
        record Response(byte[] bytes) implements Answer {}

        /** The ioctl fails with this errno. */
        record Failure(int errno) implements Answer {}

        /** No answer at all: the server's timeout runs out, as the driver's 120 s would. */
        record Silence() implements Answer {}
    }

    /** Decides the answer to each request's bytes. */
    @FunctionalInterface
    public interface Answerer {
        /**
         * Answers one request.
         *
         * @param request the request bytes the caller's ioctl pointed at
         * @return the answer
         * @throws Exception to fail the ioctl with EIO
         */
        Answer answer(byte[] request) throws Exception;
    }

    /**
     * Serves the server's frames until it stops: waits for its ready frame, then runs {@code onReady}, and answers
     * every request after showing it to {@code onRequest}. Returns when the server's output ends.
     *
     * @throws IOException if the streams fail otherwise
     */
    public static void serve(Process server, Answerer answerer, Runnable onReady, Consumer<byte[]> onRequest)
            throws IOException {
        try (DataInputStream in = new DataInputStream(server.getInputStream());
                OutputStream out = server.getOutputStream()) {
            byte[] header = new byte[8];
            in.readFully(header);
            onReady.run();
            while (true) {
                in.readFully(header);
                ByteBuffer fields = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
                int sequence = fields.getInt();
                byte[] request = new byte[fields.getInt()];
                in.readFully(request);
                onRequest.accept(request);
                Answer answer;
                try {
                    answer = answerer.answer(request);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    answer = new Answer.Failure(EIO);
                }
                if (answer instanceof Answer.Silence) {
                    continue;
                }
                byte[] body = answer instanceof Answer.Response r ? r.bytes() : new byte[0];
                int status = answer instanceof Answer.Failure f ? -f.errno() : 0;
                out.write(ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
                        .putInt(sequence).putInt(status).putInt(body.length).array());
                out.write(body);
                out.flush();
            }
        } catch (EOFException e) {
            // The server stopped (before its ready frame when it could not start).
        }
    }
}
