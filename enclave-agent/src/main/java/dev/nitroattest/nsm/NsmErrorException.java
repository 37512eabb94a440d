package dev.nitroattest.nsm;

import java.util.Objects;

/** The NSM refused the request with one of its error names (a request over 4 KiB counts as InputTooLarge). */
public final class NsmErrorException extends NsmException {
    private static final long serialVersionUID = 1L;
    private final NsmError error;

    public NsmErrorException(NsmError error, String message) {
        super(message);
        this.error = Objects.requireNonNull(error, "error");
    }

    /** A standard message naming the error. */
    public NsmErrorException(NsmError error) {
        this(error, "The NSM answered " + error.wireName() + ".");
    }

    public NsmError error() {
        return error;
    }
}
