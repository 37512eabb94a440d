package dev.nitroattest.vsock;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import dev.nitroattest.linux.Errno;
import dev.nitroattest.linux.LibC;
import java.io.Closeable;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A non-blocking Linux stream socket through JNA: what vsock runs on, written without anything vsock-specific so
 * that its data path can be tested over TCP on 127.0.0.1 (nothing here may connect to a vsock CID on the machines
 * this project is built on).
 *
 * <p>Every call that could wait is the same loop: make the call; on EAGAIN, poll(2) in slices of at most
 * {@value #POLL_SLICE_MILLIS} ms until the deadline, so that a close() from another thread is noticed promptly
 * whatever the kernel does with the waiting thread; on EINTR, go round again with the time that remains. A read has
 * its deadline per call. A write has one deadline for all of it, and a write that misses it closes the socket, as
 * the TCP path's watchdog does: part of the data may have gone out, so the stream is of no further use, and a peer
 * that stops reading cannot hold the writer for longer. The descriptor is released only when no call is using it,
 * so its number cannot be reused under a thread still inside a call.
 */
final class NativeSocket implements Closeable {
    private static final int POLL_SLICE_MILLIS = 200;
    private static final int BUFFER_SIZE = 16 * 1024;
    /** Large enough for any socket address (struct sockaddr_storage). */
    private static final int ANY_SOCKADDR_SIZE = 128;

    private final int fd;
    private final String kind;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private Memory readBuffer;
    private Memory writeBuffer;
    private int users;
    private boolean closed;
    private boolean released;

    private NativeSocket(int fd, String kind) {
        this.fd = fd;
        this.kind = kind;
    }

    /**
     * A new stream socket of this address family, non-blocking and close-on-exec.
     *
     * @param kind what to call the socket in messages, e.g. "vsock"
     */
    static NativeSocket open(int family, String kind) throws VsockException {
        int fd = LibC.INSTANCE.socket(family, LibC.SOCK_STREAM | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            Errno errno = Errno.of(LibC.lastErrno());
            throw new VsockException(errno, "Cannot create a " + kind + " socket: " + errno + ".");
        }
        return new NativeSocket(fd, kind);
    }

    /** A timeout in whole milliseconds, at least 1; one too long for a long is as good as none. */
    static long millis(Duration timeout) {
        try {
            return Math.max(1, timeout.toMillis());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** An accepted connection and the address of who made it. */
    record Accepted(NativeSocket socket, byte[] peer) {}

    void setOption(int level, int option, byte[] value, String what) throws IOException {
        int descriptor = acquire();
        try {
            if (LibC.INSTANCE.setsockopt(descriptor, level, option, memory(value), value.length) < 0) {
                throw failure("Cannot set the " + kind + " " + what);
            }
        } finally {
            release();
        }
    }

    /** Binds to the address; {@code address} is how messages name it. */
    void bind(byte[] sockaddr, String address) throws IOException {
        int descriptor = acquire();
        try {
            if (LibC.INSTANCE.bind(descriptor, memory(sockaddr), sockaddr.length) < 0) {
                throw failure("Cannot bind " + kind + " " + address);
            }
        } finally {
            release();
        }
    }

    void listen(int backlog) throws IOException {
        int descriptor = acquire();
        try {
            if (LibC.INSTANCE.listen(descriptor, backlog) < 0) {
                throw failure("Cannot listen on the " + kind + " socket");
            }
        } finally {
            release();
        }
    }

    /** The socket's own address, the first {@code size} bytes of it. */
    byte[] localAddress(int size) throws IOException {
        int descriptor = acquire();
        try {
            Memory sockaddr = new Memory(size);
            sockaddr.clear();
            Memory length = new Memory(4);
            length.setInt(0, size);
            if (LibC.INSTANCE.getsockname(descriptor, sockaddr, length) < 0) {
                throw failure("Cannot read the " + kind + " socket's address");
            }
            return sockaddr.getByteArray(0, size);
        } finally {
            release();
        }
    }

    /**
     * The next connection (itself non-blocking and close-on-exec), waiting until one comes, the timeout passes, or
     * the socket is closed.
     *
     * @param addressSize how many bytes of the peer's address to return
     * @param timeoutMillis zero or less waits for ever
     */
    Accepted accept(int addressSize, long timeoutMillis) throws IOException {
        int descriptor = acquire();
        try {
            Memory peer = new Memory(addressSize);
            Memory peerLength = new Memory(4);
            Deadline deadline = Deadline.after(timeoutMillis);
            while (true) {
                failIfClosed();
                peer.clear();
                peerLength.setInt(0, addressSize);
                int accepted = LibC.INSTANCE.accept4(descriptor, peer, peerLength,
                        LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC);
                if (accepted >= 0) {
                    return new Accepted(new NativeSocket(accepted, kind), peer.getByteArray(0, addressSize));
                }
                int errno = LibC.lastErrno();
                if (errno == Errno.EAGAIN) {
                    awaitReady(descriptor, LibC.POLLIN, deadline, "No " + kind + " connection came");
                } else if (errno != Errno.EINTR && errno != Errno.ECONNABORTED) {
                    // ECONNABORTED: the peer gave up while queued, which is no reason to stop listening.
                    throw failure(Errno.of(errno), "Cannot accept a " + kind + " connection");
                }
            }
        } finally {
            release();
        }
    }

    /**
     * Connects, waiting at most the timeout for the kernel to finish: a non-blocking connect answers EINPROGRESS at
     * once, poll(2) says when it is over, and SO_ERROR says how it went. Any other answer of connect(2) is a failure;
     * EINTR in particular is never taken for success (vsock cancels an interrupted connect).
     *
     * @param address how messages name the address
     * @param timeoutMillis zero or less waits for ever
     * @throws SocketTimeoutException if the connection is not made in time
     */
    void connect(byte[] sockaddr, String address, long timeoutMillis) throws IOException {
        int descriptor = acquire();
        try {
            Deadline deadline = Deadline.after(timeoutMillis);
            if (LibC.INSTANCE.connect(descriptor, memory(sockaddr), sockaddr.length) == 0) {
                return;
            }
            int errno = LibC.lastErrno();
            if (errno != Errno.EINPROGRESS) {
                throw connectFailure(Errno.of(errno), address);
            }
            awaitReady(descriptor, LibC.POLLOUT, deadline, "Cannot connect to " + kind + " " + address);
            int outcome = socketError(descriptor);
            if (outcome != 0) {
                throw connectFailure(Errno.of(outcome), address);
            }
            if (!hasPeer(descriptor)) {
                throw connectFailure(Errno.of(Errno.ENOTCONN), address);
            }
        } finally {
            release();
        }
    }

    /**
     * Reads up to length bytes; -1 at end of stream.
     *
     * @param timeoutMillis how long to wait for the first byte; zero or less waits for ever
     */
    int read(byte[] target, int offset, int length, long timeoutMillis) throws IOException {
        synchronized (readLock) {
            int descriptor = acquire();
            try {
                if (readBuffer == null) {
                    readBuffer = new Memory(BUFFER_SIZE);
                }
                int wanted = Math.min(length, BUFFER_SIZE);
                Deadline deadline = Deadline.after(timeoutMillis);
                while (true) {
                    failIfClosed();
                    long received = LibC.INSTANCE.recv(descriptor, readBuffer, new NativeLong(wanted), 0).longValue();
                    if (received > 0) {
                        readBuffer.read(0, target, offset, (int) received);
                        return (int) received;
                    }
                    if (received == 0) {
                        return -1;
                    }
                    int errno = LibC.lastErrno();
                    if (errno == Errno.EAGAIN) {
                        awaitReady(descriptor, LibC.POLLIN, deadline, "No " + kind + " data came");
                    } else if (errno != Errno.EINTR) {
                        throw failure(Errno.of(errno), "Cannot read from the " + kind + " connection");
                    }
                }
            } finally {
                release();
            }
        }
    }

    /**
     * Writes all the bytes.
     *
     * @param timeoutMillis how long the whole write may take; zero or less waits for ever. When it passes, the
     *     socket is closed and the write fails with {@link SocketTimeoutException}.
     */
    void write(byte[] source, int offset, int length, long timeoutMillis) throws IOException {
        synchronized (writeLock) {
            int descriptor = acquire();
            try {
                if (writeBuffer == null) {
                    writeBuffer = new Memory(BUFFER_SIZE);
                }
                Deadline deadline = Deadline.after(timeoutMillis);
                int position = offset;
                int end = offset + length;
                while (position < end) {
                    failIfClosed();
                    int chunk = Math.min(end - position, BUFFER_SIZE);
                    writeBuffer.write(0, source, position, chunk);
                    long sent = LibC.INSTANCE.send(descriptor, writeBuffer, new NativeLong(chunk), LibC.MSG_NOSIGNAL)
                            .longValue();
                    if (sent >= 0) {
                        position += (int) sent;
                        continue;
                    }
                    int errno = LibC.lastErrno();
                    if (errno == Errno.EAGAIN) {
                        awaitWritable(descriptor, deadline);
                    } else if (errno != Errno.EINTR) {
                        throw failure(Errno.of(errno), "Cannot write to the " + kind + " connection");
                    }
                }
            } finally {
                release();
            }
        }
    }

    void shutdown(int how) throws IOException {
        int descriptor = acquire();
        try {
            if (LibC.INSTANCE.shutdown(descriptor, how) < 0 && LibC.lastErrno() != Errno.ENOTCONN) {
                throw failure("Cannot shut the " + kind + " connection down");
            }
        } finally {
            release();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (users > 0) {
                // Tell the peer now; the descriptor itself goes when the last call using it notices the close.
                LibC.INSTANCE.shutdown(fd, LibC.SHUT_RDWR);
                return;
            }
        }
        releaseDescriptor();
    }

    private synchronized int acquire() throws SocketException {
        if (closed) {
            throw new SocketException("The " + kind + " socket is closed.");
        }
        users++;
        return fd;
    }

    private void release() {
        boolean last;
        synchronized (this) {
            users--;
            last = closed && users == 0;
        }
        if (last) {
            releaseDescriptor();
        }
    }

    private void releaseDescriptor() {
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
        }
        LibC.INSTANCE.close(fd);
    }

    private void failIfClosed() throws SocketException {
        synchronized (this) {
            if (!closed) {
                return;
            }
        }
        throw new SocketException("The " + kind + " socket was closed.");
    }

    private void awaitWritable(int descriptor, Deadline deadline) throws IOException {
        try {
            awaitReady(descriptor, LibC.POLLOUT, deadline, "The " + kind + " peer did not take the data");
        } catch (SocketTimeoutException e) {
            close();
            throw e;
        }
    }

    /** Polls in short slices until the socket is ready, the deadline passes, or the socket is closed. */
    private void awaitReady(int descriptor, short events, Deadline deadline, String timeoutMessage)
            throws IOException {
        Memory pollfd = new Memory(8);
        while (true) {
            failIfClosed();
            long remainingMillis = deadline.remainingMillis();
            if (remainingMillis == 0) {
                throw new SocketTimeoutException(timeoutMessage + " within " + deadline.timeoutMillis() + " ms.");
            }
            pollfd.setInt(0, descriptor);
            pollfd.setShort(4, events);
            pollfd.setShort(6, (short) 0);
            int ready = LibC.INSTANCE.poll(pollfd, new NativeLong(1), (int) Math.min(POLL_SLICE_MILLIS,
                    remainingMillis));
            if (ready > 0) {
                return;
            }
            // Zero: the slice is over; EINTR: a signal came. Either way, round again with the time that remains.
            if (ready < 0 && LibC.lastErrno() != Errno.EINTR) {
                throw failure("Cannot wait on the " + kind + " socket");
            }
        }
    }

    private int socketError(int descriptor) throws IOException {
        Memory value = new Memory(4);
        value.setInt(0, 0);
        Memory length = new Memory(4);
        length.setInt(0, 4);
        if (LibC.INSTANCE.getsockopt(descriptor, LibC.SOL_SOCKET, LibC.SO_ERROR, value, length) < 0) {
            throw failure("Cannot read the " + kind + " connection's state");
        }
        return value.getInt(0);
    }

    /** Whether the socket is connected: a connect that poll reports as over, with no error, may still have failed. */
    private static boolean hasPeer(int descriptor) {
        Memory sockaddr = new Memory(ANY_SOCKADDR_SIZE);
        Memory length = new Memory(4);
        length.setInt(0, ANY_SOCKADDR_SIZE);
        return LibC.INSTANCE.getpeername(descriptor, sockaddr, length) == 0;
    }

    private static Memory memory(byte[] bytes) {
        Memory memory = new Memory(bytes.length);
        memory.write(0, bytes, 0, bytes.length);
        return memory;
    }

    private VsockException connectFailure(Errno errno, String address) {
        return new VsockException(errno, "Cannot connect to " + kind + " " + address + ": " + errno + ".");
    }

    private static VsockException failure(String action) {
        return failure(Errno.of(LibC.lastErrno()), action);
    }

    private static VsockException failure(Errno errno, String action) {
        return new VsockException(errno, action + ": " + errno + ".");
    }

    /** When a call must be over. */
    private record Deadline(long timeoutMillis, long atNanos) {
        /** Past this, a deadline is as good as none, and adding it to System.nanoTime() could overflow. */
        private static final long FOREVER_NANOS = Long.MAX_VALUE / 4;

        /** A timeout of zero or less, or too long to matter, never passes. */
        static Deadline after(long timeoutMillis) {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            if (timeoutMillis <= 0 || nanos >= FOREVER_NANOS) {
                return new Deadline(0, 0);
            }
            return new Deadline(timeoutMillis, System.nanoTime() + nanos);
        }

        /** Milliseconds left, rounded up so that no wait ends early; Long.MAX_VALUE if it never passes. */
        long remainingMillis() {
            if (timeoutMillis == 0) {
                return Long.MAX_VALUE;
            }
            long nanos = atNanos - System.nanoTime();
            return nanos <= 0 ? 0 : (nanos + 999_999) / 1_000_000;
        }
    }
}
