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
    LibC INSTANCE = Native.load("c", LibC.class);

    int O_RDWR = 0x2;
    int O_CLOEXEC = 0x80000;
    int SOCK_STREAM = 1;
    int SOCK_CLOEXEC = 0x80000;
    /** O_NONBLOCK on x86_64 and aarch64. */
    int SOCK_NONBLOCK = 0x800;
    int SHUT_RDWR = 2;
    int SHUT_WR = 1;
    int MSG_NOSIGNAL = 0x4000;
    short POLLIN = 0x1;
    short POLLOUT = 0x4;
    int SOL_SOCKET = 1;
    int SO_ERROR = 4;

    /** open(2); the path is NUL-terminated bytes so that no charset guesses are involved. */
    int open(byte[] path, int flags);

    int close(int fd);

    int ioctl(int fd, NativeLong request, Pointer argument);

    int socket(int domain, int type, int protocol);

    int bind(int fd, Pointer address, int addressLength);

    int listen(int fd, int backlog);

    int accept4(int fd, Pointer address, Pointer addressLength, int flags);

    int connect(int fd, Pointer address, int addressLength);

    int getsockname(int fd, Pointer address, Pointer addressLength);

    int getpeername(int fd, Pointer address, Pointer addressLength);

    int setsockopt(int fd, int level, int option, Pointer value, int valueLength);

    int getsockopt(int fd, int level, int option, Pointer value, Pointer valueLength);

    NativeLong recv(int fd, Pointer buffer, NativeLong length, int flags);

    NativeLong send(int fd, Pointer buffer, NativeLong length, int flags);

    int shutdown(int fd, int how);

    int poll(Pointer fds, NativeLong count, int timeoutMillis);

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
