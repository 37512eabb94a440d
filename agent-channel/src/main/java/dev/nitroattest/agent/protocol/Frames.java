package dev.nitroattest.agent.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Frames: a 4-byte unsigned big-endian length N (1 to 65536), then N bytes. */
public final class Frames {
    /** The largest frame body, in bytes. */
    public static final int MAX_LENGTH = 65536;
    static final int HEADER_LENGTH = 4;

    private Frames() {}

    /**
     * Reads one frame's body.
     *
     * @return the body, or null if the stream ended cleanly before a frame started
     * @throws AgentProtocolException for a length of 0 (BAD_REQUEST) or over {@value #MAX_LENGTH} (TOO_LARGE): the
     *     framing is broken and the rest of the stream cannot be trusted
     * @throws EOFException if the stream ends inside a frame
     */
    public static byte[] read(InputStream in) throws IOException, AgentProtocolException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        byte[] header = new byte[HEADER_LENGTH];
        header[0] = (byte) first;
        readFully(in, header, 1, HEADER_LENGTH - 1);
        long length = ((long) (header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8)
                | (header[3] & 0xff);
        if (length == 0) {
            throw new AgentProtocolException(AgentErrorCode.BAD_REQUEST, "The frame has length 0; a frame carries 1 "
                    + "to " + MAX_LENGTH + " bytes.");
        }
        if (length > MAX_LENGTH) {
            throw new AgentProtocolException(AgentErrorCode.TOO_LARGE, "The frame has length " + length
                    + "; a frame carries at most " + MAX_LENGTH + " bytes.");
        }
        byte[] body = new byte[(int) length];
        readFully(in, body, 0, body.length);
        return body;
    }

    /** Writes one frame (header and body in one write) and flushes. */
    public static void write(OutputStream out, byte[] body) throws IOException {
        if (body.length == 0 || body.length > MAX_LENGTH) {
            throw new IllegalArgumentException("A frame carries 1 to " + MAX_LENGTH + " bytes; this one has "
                    + body.length + ".");
        }
        byte[] frame = new byte[HEADER_LENGTH + body.length];
        frame[0] = (byte) (body.length >>> 24);
        frame[1] = (byte) (body.length >>> 16);
        frame[2] = (byte) (body.length >>> 8);
        frame[3] = (byte) body.length;
        System.arraycopy(body, 0, frame, HEADER_LENGTH, body.length);
        out.write(frame);
        out.flush();
    }

    private static void readFully(InputStream in, byte[] target, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int read = in.read(target, offset + done, length - done);
            if (read < 0) {
                throw new EOFException("The stream ended inside a frame.");
            }
            done += read;
        }
    }
}
