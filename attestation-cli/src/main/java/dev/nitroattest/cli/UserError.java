package dev.nitroattest.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Objects;

/**
 * A failure the user caused and can fix: a bad option value, a missing file, a file in no known format. Its message
 * is one sentence that says what is wrong and what to do; it is printed as it is, never with a stack trace.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExitStatus status;

    private UserError(ExitStatus status, String sentence) {
        super(Objects.requireNonNull(sentence, "sentence"), null, false, false);
        this.status = status;
    }

    /** A usage error (exit status 2): bad options, or an unusable trust anchor or image given in an option. */
    public static UserError usage(String sentence) {
        return new UserError(ExitStatus.USAGE_ERROR, sentence);
    }

    /** A document or image file that could not be read (exit status 3). */
    public static UserError unreadable(String sentence) {
        return new UserError(ExitStatus.UNREADABLE, sentence);
    }

    /**
     * A document or image file that could not be read (exit status 3), in the words every such file gets: no such
     * file, permission denied, or the failure's own clause.
     *
     * @param name the file as messages name it ({@link Sentences#fileName})
     */
    public static UserError cannotRead(String name, IOException failure) {
        if (failure instanceof NoSuchFileException) {
            return unreadable("cannot read " + name + ": there is no such file; check the path.");
        }
        if (failure instanceof AccessDeniedException) {
            return unreadable("cannot read " + name + ": permission denied; check the file's permissions.");
        }
        return unreadable("cannot read " + name + " (" + Sentences.ioFailure(failure) + "); check the file.");
    }

    /** A document or image that was read but is not acceptable (exit status 1). */
    public static UserError rejected(String sentence) {
        return new UserError(ExitStatus.REJECTED, sentence);
    }

    /** The exit status this failure leads to. */
    public ExitStatus status() {
        return status;
    }
}
