package dev.nitroattest.vsock;

import dev.nitroattest.linux.Errno;
import java.net.SocketException;
import java.util.Objects;

/** A vsock system call failed; the message says which and why. */
public final class VsockException extends SocketException {
    private static final long serialVersionUID = 1L;
    private final transient Errno errno;

    /**
     * A failed socket call.
     *
     * @param errno the errno the call failed with
     * @param message one sentence saying which call failed
     */
    public VsockException(Errno errno, String message) {
        super(message);
        this.errno = Objects.requireNonNull(errno, "errno");
    }

    /**
     * The errno the socket call failed with.
     *
     * @return the errno
     */
    public Errno errno() {
        return errno;
    }
}
