package dev.nitroattest.linux;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The C library calls the NSM device and vsock need. Every call returns -1 and sets errno on failure; read errno
 * with {@link #lastErrno()} right after the call, on the same thread.
 */
public interface LibC extends Library {
    /** The C library, loaded once. */
    LibC INSTANCE = Native.load("c", LibC.class);

    /** open(2): read and write. */
    int O_RDWR = 0x2;
    /** open(2): close on exec. */
    int O_CLOEXEC = 0x80000;
    /** socket(2): a stream socket. */
    int SOCK_STREAM = 1;
    /** socket(2): close on exec. */
    int SOCK_CLOEXEC = 0x80000;
    /** O_NONBLOCK on x86_64 and aarch64. */
    int SOCK_NONBLOCK = 0x800;
    /** shutdown(2): both directions. */
    int SHUT_RDWR = 2;
    /** shutdown(2): the sending direction. */
    int SHUT_WR = 1;
    /** send(2): no SIGPIPE when the peer has gone. */
    int MSG_NOSIGNAL = 0x4000;
    /** poll(2): data to read. */
    short POLLIN = 0x1;
    /** poll(2): room to write. */
    short POLLOUT = 0x4;
    /** getsockopt(2): the socket level. */
    int SOL_SOCKET = 1;
    /** getsockopt(2): the pending error, which a non-blocking connect reports. */
    int SO_ERROR = 4;

    /** open(2); the path is NUL-terminated bytes so that no charset guesses are involved. */
    int open(byte[] path, int flags);

    /** close(2). */
    int close(int fd);

    /** ioctl(2). */
    int ioctl(int fd, NativeLong request, Pointer argument);

    /** socket(2). */
    int socket(int domain, int type, int protocol);

    /** bind(2). */
    int bind(int fd, Pointer address, int addressLength);

    /** listen(2). */
    int listen(int fd, int backlog);

    /** accept4(2). */
    int accept4(int fd, Pointer address, Pointer addressLength, int flags);

    /** connect(2). */
    int connect(int fd, Pointer address, int addressLength);

    /** getsockname(2). */
    int getsockname(int fd, Pointer address, Pointer addressLength);

    /** getpeername(2). */
    int getpeername(int fd, Pointer address, Pointer addressLength);

    /** setsockopt(2). */
    int setsockopt(int fd, int level, int option, Pointer value, int valueLength);

    /** getsockopt(2). */
    int getsockopt(int fd, int level, int option, Pointer value, Pointer valueLength);

    /** recv(2). */
    NativeLong recv(int fd, Pointer buffer, NativeLong length, int flags);

    /** send(2). */
    NativeLong send(int fd, Pointer buffer, NativeLong length, int flags);

    /** shutdown(2). */
    int shutdown(int fd, int how);

    /** poll(2). */
    int poll(Pointer fds, NativeLong count, int timeoutMillis);

    /** strerror(3): the C library's description of an errno. */
    String strerror(int errno);

    /** The errno of this thread's last call through JNA. */
    static int lastErrno() {
        return Native.getLastError();
    }

    /** The C library's description of an errno. */
    static String describe(int errno) {
        String description = INSTANCE.strerror(errno);
        return description == null ? "Unknown error " + errno : description;
    }

    /** A path as NUL-terminated UTF-8 bytes. */
    static byte[] path(String path) {
        byte[] utf8 = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] terminated = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, terminated, 0, utf8.length);
        return terminated;
    }
}
