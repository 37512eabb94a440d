package dev.nitroattest.vsock;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * A connected byte stream over vsock or TCP. One thread may read while another writes; close() may be called from
 * any thread and makes blocked reads and writes fail.
 */
public interface Connection extends Closeable {

    /**
     * The bytes from the peer.
     *
     * @return the stream; reads time out as the connection was set up to
     */
    InputStream input();

    /**
     * The bytes to the peer.
     *
     * @return the stream; a whole write has a deadline
     */
    OutputStream output();

    /**
     * From now on each read must receive something, and each write must be taken by the peer in full, within this
     * time, or it fails with {@link java.net.SocketTimeoutException}; zero waits for ever (the default). A write that
     * fails so also closes the connection: part of it may have gone out, so the stream is of no further use, and a
     * peer that stops reading cannot hold the writer.
     */
    void timeout(Duration timeout) throws IOException;

    /** Sends end-of-stream to the peer; reading still works. */
    void shutdownOutput() throws IOException;

    /** Who is at the other end, e.g. {@code tcp:127.0.0.1:40512} or {@code vsock:16:1024}. */
    String peer();

    /**
     * The peer's vsock address (its CID and port) on a connection a vsock listener accepted, as the kernel reported
     * it; empty over TCP and on connections this side made.
     */
    default Optional<VsockAddress> vsockPeer() {
        return Optional.empty();
    }

    @Override
    void close();
}
