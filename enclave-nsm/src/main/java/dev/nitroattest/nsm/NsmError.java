package dev.nitroattest.nsm;

import java.util.Arrays;
import java.util.Optional;

/** The error names the NSM answers with ({@code {"Error": NAME}}). */
public enum NsmError {
    /** A request field is not acceptable. */
    INVALID_ARGUMENT("InvalidArgument"),
    /** The PCR index is out of range. */
    INVALID_INDEX("InvalidIndex"),
    /** The NSM could not make a response. */
    INVALID_RESPONSE("InvalidResponse"),
    /** The PCR is locked (or one of 0 to 15) and cannot be extended. */
    READ_ONLY_INDEX("ReadOnlyIndex"),
    /** The request is not one the NSM knows. */
    INVALID_OPERATION("InvalidOperation"),
    /** The response does not fit the buffer offered. */
    BUFFER_TOO_SMALL("BufferTooSmall"),
    /** The request is over the NSM's 4 KiB limit. */
    INPUT_TOO_LARGE("InputTooLarge"),
    /** The NSM failed. */
    INTERNAL_ERROR("InternalError");

    private final String wireName;

    NsmError(String wireName) {
        this.wireName = wireName;
    }

    /** The name as the NSM writes it, e.g. "ReadOnlyIndex". */
    public String wireName() {
        return wireName;
    }

    /** The error with this wire name, if there is one. */
    public static Optional<NsmError> fromWireName(String name) {
        return Arrays.stream(values()).filter(error -> error.wireName.equals(name)).findFirst();
    }
}
