package dev.nitroattest.nsm;

import dev.nitroattest.linux.Errno;
import java.util.Objects;

/** The NSM device could not be opened or used: the system call failed with this errno. */
public final class NsmDeviceException extends NsmException {
    private static final long serialVersionUID = 1L;
    private final Errno errno;

    public NsmDeviceException(Errno errno, String message) {
        super(message);
        this.errno = Objects.requireNonNull(errno, "errno");
    }

    public Errno errno() {
        return errno;
    }
}
