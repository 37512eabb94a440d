package dev.nitroattest.image;

import java.util.Objects;

/**
 * An enclave image could not be built. The message is one sentence saying what is wrong and what to do; the
 * {@link #reason()} is stable, for programs.
 */
public final class ImageBuildException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a build failed. */
    public enum Reason {
        /** An input file or directory does not exist. */
        MISSING_INPUT,
        /** An input exists but cannot be read. */
        UNREADABLE_INPUT,
        /** An input was read but cannot go into an image as it is (a bad kernel config, a name with a line break). */
        INVALID_INPUT,
        /** jlink failed or is missing from the JDK given. */
        JLINK_FAILED,
        /** The image file could not be written. */
        OUTPUT_FAILED
    }

    /** Why the build failed. */
    private final Reason reason;

    ImageBuildException(Reason reason, String sentence) {
        this(reason, sentence, null);
    }

    ImageBuildException(Reason reason, String sentence, Throwable cause) {
        super(Objects.requireNonNull(sentence, "sentence"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The stable reason code. */
    public Reason reason() {
        return reason;
    }
}
