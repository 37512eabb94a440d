package dev.nitroattest.nsm;

import java.util.Arrays;
import java.util.Optional;

/** The error names the NSM answers with ({@code {"Error": NAME}}). */
public enum NsmError {
    INVALID_ARGUMENT("InvalidArgument"),
    INVALID_INDEX("InvalidIndex"),
    INVALID_RESPONSE("InvalidResponse"),
    READ_ONLY_INDEX("ReadOnlyIndex"),
    INVALID_OPERATION("InvalidOperation"),
    BUFFER_TOO_SMALL("BufferTooSmall"),
    INPUT_TOO_LARGE("InputTooLarge"),
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
