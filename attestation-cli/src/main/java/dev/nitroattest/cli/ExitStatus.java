package dev.nitroattest.cli;

/**
 * The exit status of a run. The codes are a contract with the scripts that call the tool: they never change meaning.
 */
public enum ExitStatus {
    /** Every document verified, or the command did what was asked. */
    SUCCESS(0),
    /** At least one document (or image) was rejected, and every file could be read. */
    REJECTED(1),
    /** A bad option or option value, or an unusable trust anchor or image for an option; nothing was processed. */
    USAGE_ERROR(2),
    /** At least one file could not be read: missing, unreadable, empty, too large, or in no known format. */
    UNREADABLE(3),
    /** The tool itself failed: a bug to report. */
    INTERNAL_ERROR(4);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    /** The process exit code. */
    public int code() {
        return code;
    }

    /**
     * The status of a run over several files, given this one so far and the next file's: a file that could not be
     * read outweighs a rejected document, which outweighs a verified one.
     */
    public ExitStatus and(ExitStatus next) {
        return severity(next) > severity(this) ? next : this;
    }

    private static int severity(ExitStatus status) {
        return switch (status) {
            case SUCCESS -> 0;
            case REJECTED -> 1;
            case UNREADABLE -> 2;
            case USAGE_ERROR, INTERNAL_ERROR -> 3;
        };
    }
}
