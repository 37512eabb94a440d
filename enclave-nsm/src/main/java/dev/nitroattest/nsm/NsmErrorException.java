package dev.nitroattest.nsm;

import java.util.Objects;

/** The NSM refused the request with one of its error names (a request over 4 KiB counts as InputTooLarge). */
public final class NsmErrorException extends NsmException {
    private static final long serialVersionUID = 1L;
    /** The error the NSM answered with. */
    private final NsmError error;

    /**
     * The NSM answered with an error.
     *
     * @param error the error
     * @param message one sentence saying which request it refused
     */
    public NsmErrorException(NsmError error, String message) {
        super(message);
        this.error = Objects.requireNonNull(error, "error");
    }

    /** A standard message naming the error. */
    public NsmErrorException(NsmError error) {
        this(error, "The NSM answered " + error.wireName() + ".");
    }

    /**
     * The error the NSM answered with.
     *
     * @return the error
     */
    public NsmError error() {
        return error;
    }
}
