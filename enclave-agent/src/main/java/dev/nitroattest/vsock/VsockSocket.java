package dev.nitroattest.vsock;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import dev.nitroattest.linux.Errno;
import dev.nitroattest.linux.internal.LibC;
import java.io.Closeable;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * An AF_VSOCK stream socket through JNA. Every wait is a poll(2) of at most {@value #POLL_SLICE_MILLIS} ms, so that
 * a close() from another thread is noticed promptly whatever the kernel does with the blocked call; EINTR is
 * retried everywhere it is safe. The descriptor is released only when no call is using it, so its number cannot be
 * reused under a thread still blocked on it.
 */
final class VsockSocket implements Closeable {
    private static final int POLL_SLICE_MILLIS = 200;
    private static final int BUFFER_SIZE = 16 * 1024;
    private static final int SO_VM_SOCKETS_CONNECT_TIMEOUT = 6;
    private static final int WAIT_FOREVER = -1;

    private final int fd;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private Memory readBuffer;
    private Memory writeBuffer;
    private int users;
    private boolean closed;
    private boolean released;

    private VsockSocket(int fd) {
        this.fd = fd;
    }

    static VsockSocket open() throws IOException {
        int fd = LibC.INSTANCE.socket(VsockAddress.AF_VSOCK, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            Errno errno = Errno.of(LibC.lastErrno());
            throw new VsockException(errno, errno.number() == Errno.EAFNOSUPPORT
                    ? "This system has no vsock support (" + errno.name() + "): load the vsock kernel module or use "
                            + "a tcp: endpoint."
                    : "Cannot create a vsock socket: " + errno + ".");
        }
        return new VsockSocket(fd);
    }

    void bind(VsockAddress address) throws IOException {
        int descriptor = acquire();
        try {
            Memory sockaddr = sockaddr(address);
            if (LibC.INSTANCE.bind(descriptor, sockaddr, VsockAddress.SOCKADDR_SIZE) < 0) {
                throw failure("Cannot bind vsock " + address);
            }
        } finally {
            release();
        }
    }

    void listen(int backlog) throws IOException {
        int descriptor = acquire();
        try {
            if (LibC.INSTANCE.listen(descriptor, backlog) < 0) {
                throw failure("Cannot listen on the vsock socket");
            }
        } finally {
            release();
        }
    }

    VsockAddress localAddress() throws IOException {
        int descriptor = acquire();
        try {
            Memory sockaddr = new Memory(VsockAddress.SOCKADDR_SIZE);
            sockaddr.clear();
            Memory length = new Memory(4);
            length.setInt(0, VsockAddress.SOCKADDR_SIZE);
            if (LibC.INSTANCE.getsockname(descriptor, sockaddr, length) < 0) {
                throw failure("Cannot read the vsock socket's address");
            }
            return VsockAddress.fromSockaddr(sockaddr.getByteArray(0, VsockAddress.SOCKADDR_SIZE));
        } finally {
            release();
        }
    }

    /** An accepted connection and who made it. */
    record Accepted(VsockSocket socket, VsockAddress peer) {}

    /** The next connection, waiting until one comes or the socket is closed. */
    Accepted accept() throws IOException {
        int descriptor = acquire();
        try {
            Memory peer = new Memory(VsockAddress.SOCKADDR_SIZE);
            Memory peerLength = new Memory(4);
            while (true) {
                awaitReady(descriptor, LibC.POLLIN, WAIT_FOREVER);
                peer.clear();
                peerLength.setInt(0, VsockAddress.SOCKADDR_SIZE);
                int accepted = LibC.INSTANCE.accept4(descriptor, peer, peerLength, LibC.SOCK_CLOEXEC);
                if (accepted >= 0) {
                    return new Accepted(new VsockSocket(accepted),
                            VsockAddress.fromSockaddr(peer.getByteArray(0, VsockAddress.SOCKADDR_SIZE)));
                }
                int errno = LibC.lastErrno();
                // The peer may give up between poll and accept; that is no reason to stop listening.
                if (errno != Errno.EINTR && errno != Errno.EAGAIN && errno != Errno.ECONNABORTED) {
                    throw failure(Errno.of(errno), "Cannot accept a vsock connection");
                }
            }
        } finally {
            release();
        }
    }

    void connect(VsockAddress address, Duration timeout) throws IOException {
        int descriptor = acquire();
        try {
            long millis = Math.max(1, timeout.toMillis());
            Memory timeval = new Memory(16);
            timeval.setLong(0, millis / 1000);
            timeval.setLong(8, (millis % 1000) * 1000);
            if (LibC.INSTANCE.setsockopt(descriptor, VsockAddress.AF_VSOCK, SO_VM_SOCKETS_CONNECT_TIMEOUT, timeval,
                    16) < 0) {
                throw failure("Cannot set the vsock connect timeout");
            }
            if (LibC.INSTANCE.connect(descriptor, sockaddr(address), VsockAddress.SOCKADDR_SIZE) == 0) {
                return;
            }
            int errno = LibC.lastErrno();
            if (errno != Errno.EINTR) {
                throw connectFailure(Errno.of(errno), address);
            }
            // An interrupted connect goes on in the kernel: wait for it and read its outcome.
            awaitReady(descriptor, LibC.POLLOUT, millis);
            int outcome = socketError(descriptor);
            if (outcome != 0) {
                throw connectFailure(Errno.of(outcome), address);
            }
        } finally {
            release();
        }
    }

    /** Reads up to length bytes; -1 at end of stream. */
    int read(byte[] target, int offset, int length, long timeoutMillis) throws IOException {
        synchronized (readLock) {
            int descriptor = acquire();
            try {
                if (readBuffer == null) {
                    readBuffer = new Memory(BUFFER_SIZE);
                }
                int wanted = Math.min(length, BUFFER_SIZE);
                while (true) {
                    awaitReady(descriptor, LibC.POLLIN, timeoutMillis);
                    long received = LibC.INSTANCE.recv(descriptor, readBuffer, new NativeLong(wanted), 0).longValue();
                    if (received > 0) {
                        readBuffer.read(0, target, offset, (int) received);
                        return (int) received;
                    }
                    if (received == 0) {
                        return -1;
                    }
                    int errno = LibC.lastErrno();
                    if (errno != Errno.EINTR && errno != Errno.EAGAIN) {
                        throw failure(Errno.of(errno), "Cannot read from the vsock connection");
                    }
                }
            } finally {
                release();
            }
        }
    }

    void write(byte[] source, int offset, int length, long timeoutMillis) throws IOException {
        synchronized (writeLock) {
            int descriptor = acquire();
            try {
                if (writeBuffer == null) {
                    writeBuffer = new Memory(BUFFER_SIZE);
                }
                int position = offset;
                int end = offset + length;
                while (position < end) {
                    int chunk = Math.min(end - position, BUFFER_SIZE);
                    writeBuffer.write(0, source, position, chunk);
                    int sentFromChunk = 0;
                    while (sentFromChunk < chunk) {
                        awaitReady(descriptor, LibC.POLLOUT, timeoutMillis);
                        long sent = LibC.INSTANCE.send(descriptor, writeBuffer.share(sentFromChunk),
                                new NativeLong(chunk - sentFromChunk), LibC.MSG_NOSIGNAL).longValue();
                        if (sent >= 0) {
                            sentFromChunk += (int) sent;
                            continue;
                        }
                        int errno = LibC.lastErrno();
                        if (errno != Errno.EINTR && errno != Errno.EAGAIN) {
                            throw failure(Errno.of(errno), "Cannot write to the vsock connection");
                        }
                    }
                    position += chunk;
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
                throw failure("Cannot shut the vsock connection down");
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
                // Tell the peer now; the descriptor itself goes when the last blocked call notices the close.
                LibC.INSTANCE.shutdown(fd, LibC.SHUT_RDWR);
                return;
            }
        }
        releaseDescriptor();
    }

    private synchronized int acquire() throws SocketException {
        if (closed) {
            throw new SocketException("The vsock socket is closed.");
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

    private synchronized boolean isClosed() {
        return closed;
    }

    /** Polls in short slices until the socket is ready, the timeout passes, or the socket is closed. */
    private void awaitReady(int descriptor, short events, long timeoutMillis) throws IOException {
        long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000 : Long.MAX_VALUE;
        Memory pollfd = new Memory(8);
        while (true) {
            if (isClosed()) {
                throw new SocketException("The vsock socket was closed.");
            }
            long remainingMillis = timeoutMillis > 0 ? (deadline - System.nanoTime()) / 1_000_000 : POLL_SLICE_MILLIS;
            if (remainingMillis <= 0) {
                throw new SocketTimeoutException("No vsock data within " + timeoutMillis + " ms.");
            }
            pollfd.setInt(0, descriptor);
            pollfd.setShort(4, events);
            pollfd.setShort(6, (short) 0);
            int ready = LibC.INSTANCE.poll(pollfd, new NativeLong(1), (int) Math.min(POLL_SLICE_MILLIS, remainingMillis));
            if (ready > 0) {
                return;
            }
            if (ready < 0 && LibC.lastErrno() != Errno.EINTR) {
                throw failure("Cannot wait on the vsock socket");
            }
        }
    }

    private int socketError(int descriptor) throws IOException {
        Memory value = new Memory(4);
        value.setInt(0, 0);
        Memory length = new Memory(4);
        length.setInt(0, 4);
        if (LibC.INSTANCE.getsockopt(descriptor, LibC.SOL_SOCKET, LibC.SO_ERROR, value, length) < 0) {
            throw failure("Cannot read the vsock connection's state");
        }
        return value.getInt(0);
    }

    private static Memory sockaddr(VsockAddress address) {
        byte[] encoded = address.toSockaddr();
        Memory memory = new Memory(encoded.length);
        memory.write(0, encoded, 0, encoded.length);
        return memory;
    }

    private static VsockException connectFailure(Errno errno, VsockAddress address) {
        return new VsockException(errno, "Cannot connect to vsock " + address + ": " + errno + ".");
    }

    private static VsockException failure(String action) {
        return failure(Errno.of(LibC.lastErrno()), action);
    }

    private static VsockException failure(Errno errno, String action) {
        return new VsockException(errno, action + ": " + errno + ".");
    }
}
