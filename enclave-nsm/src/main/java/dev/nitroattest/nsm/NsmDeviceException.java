package dev.nitroattest.nsm;

import dev.nitroattest.linux.Errno;
import java.util.Objects;

/** The NSM device could not be opened or used: the system call failed with this errno. */
public final class NsmDeviceException extends NsmException {
    private static final long serialVersionUID = 1L;
    /** The errno the device call failed with. */
    private final Errno errno;

    /**
     * A failed device call.
     *
     * @param errno the errno the call failed with
     * @param message one sentence saying which call failed
     */
    public NsmDeviceException(Errno errno, String message) {
        super(message);
        this.errno = Objects.requireNonNull(errno, "errno");
    }

    /**
     * The errno the device call failed with.
     *
     * @return the errno
     */
    public Errno errno() {
        return errno;
    }
}
