package dev.nitroattest.nsm.device;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import dev.nitroattest.linux.Errno;
import dev.nitroattest.linux.LibC;
import dev.nitroattest.nsm.NsmDeviceException;
import dev.nitroattest.nsm.NsmError;
import dev.nitroattest.nsm.NsmErrorException;
import dev.nitroattest.nsm.NsmException;
import dev.nitroattest.nsm.NsmTransport;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The NSM device, {@code /dev/nsm}: opened with {@code O_RDWR | O_CLOEXEC}, each exchange one
 * {@code ioctl(fd, 0xC0200A00, &message)}. Requests over 4 KiB are refused before the call; the response buffer is
 * always 12 KiB, and an answer that fills it is refused as truncated (the driver truncates silently). One lock
 * serialises exchanges (the driver does too) and guards the native buffers, which are
 * reused; it is fair, so that threads get their turns in the order they asked and one that asks again at once
 * cannot starve the others. The file descriptor is closed on {@link #close()}; exchanges after that fail with
 * {@link NsmDeviceException} (EBADF).
 */
public final class NsmDevice implements NsmTransport {
    /** Where the NSM driver puts its device. */
    public static final Path DEFAULT_PATH = Path.of("/dev/nsm");
    /** {@code _IOWR(0x0A, 0, 32)} on x86_64 and aarch64. */
    static final long NSM_IOCTL_RAW = 0xC0200A00L;

    private final Path path;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Memory request = new Memory(MAX_REQUEST_SIZE);
    private final Memory response = new Memory(RESPONSE_CAPACITY);
    private final Memory message = new Memory(NsmIoctlMessage.SIZE);
    private int fd;
    private boolean closed;

    private NsmDevice(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /** Opens {@link #DEFAULT_PATH}. */
    public static NsmDevice open() throws NsmDeviceException {
        return open(DEFAULT_PATH);
    }

    /**
     * Opens the NSM device at this path.
     *
     * @throws NsmDeviceException if it cannot be opened (ENOENT when there is no such device: not an enclave)
     */
    public static NsmDevice open(Path path) throws NsmDeviceException {
        Objects.requireNonNull(path, "path");
        int fd = LibC.INSTANCE.open(LibC.path(path.toString()), LibC.O_RDWR | LibC.O_CLOEXEC);
        if (fd < 0) {
            Errno errno = Errno.of(LibC.lastErrno());
            throw new NsmDeviceException(errno, "Cannot open the NSM device " + path + ": " + errno + ".");
        }
        return new NsmDevice(path, fd);
    }

    /** The path the device was opened at. */
    public Path path() {
        return path;
    }

    @Override
    public byte[] exchange(byte[] requestBytes) throws NsmException {
        Objects.requireNonNull(requestBytes, "request");
        if (requestBytes.length > MAX_REQUEST_SIZE) {
            throw new NsmErrorException(NsmError.INPUT_TOO_LARGE, "The request is " + requestBytes.length
                    + " bytes; the NSM accepts at most " + MAX_REQUEST_SIZE + ".");
        }
        lock.lock();
        try {
            if (closed) {
                throw new NsmDeviceException(Errno.of(Errno.EBADF), "The NSM device " + path + " is closed.");
            }
            request.write(0, requestBytes, 0, requestBytes.length);
            message.write(0, new NsmIoctlMessage(Pointer.nativeValue(request), requestBytes.length,
                    Pointer.nativeValue(response), RESPONSE_CAPACITY).encode(), 0, NsmIoctlMessage.SIZE);
            // Not retried on EINTR: the NSM may already have acted (an ExtendPCR twice would be wrong).
            if (LibC.INSTANCE.ioctl(fd, new NativeLong(NSM_IOCTL_RAW), message) < 0) {
                throw ioctlFailure(path, Errno.of(LibC.lastErrno()));
            }
            long length = NsmIoctlMessage.responseLength(message.getByteArray(0, NsmIoctlMessage.SIZE));
            if (length <= 0 || length > RESPONSE_CAPACITY) {
                throw new NsmDeviceException(Errno.of(Errno.EIO), "The NSM driver reported a response of " + length
                        + " bytes; a response has 1 to " + RESPONSE_CAPACITY + ".");
            }
            // The driver truncates a longer answer to the buffer without an error; no NSM answer comes near 12 KiB
            // (a document with every optional field at its 1 KiB maximum is under 8 KiB), so a full buffer means
            // bytes were lost, and decoding the rest could only fail later with a less truthful reason.
            if (length == RESPONSE_CAPACITY) {
                throw new NsmDeviceException(Errno.of(Errno.EIO), "The NSM's answer filled the whole "
                        + RESPONSE_CAPACITY + "-byte response buffer and was probably truncated by the driver.");
            }
            return response.getByteArray(0, (int) length);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                LibC.INSTANCE.close(fd);
                fd = -1;
                request.close();
                response.close();
                message.close();
            }
        } finally {
            lock.unlock();
        }
    }

    /** What a failed ioctl means: EMSGSIZE is the NSM's InputTooLarge, every other errno a device failure. */
    static NsmException ioctlFailure(Path path, Errno errno) {
        if (errno.number() == Errno.EMSGSIZE) {
            return new NsmErrorException(NsmError.INPUT_TOO_LARGE, "The NSM driver refused the request as too "
                    + "large (EMSGSIZE).");
        }
        String hint = switch (errno.number()) {
            case Errno.ENOTTY, Errno.EINVAL -> ": " + path + " is not an NSM device";
            case Errno.ETIMEDOUT -> ": the NSM did not answer within 120 seconds";
            default -> "";
        };
        return new NsmDeviceException(errno, "The NSM request failed with " + errno + hint + ".");
    }
}
