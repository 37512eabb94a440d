package dev.nitroattest.process;

/**
 * A process of the project (the enclave agent, the parent proxy, the emulators, dev-tools' one-shot clients) cannot
 * start or cannot do its job. The message is the one sentence the user sees; the exit code says whose fault it is,
 * the same way in every process.
 */
public final class StartupFailure extends Exception {
    private static final long serialVersionUID = 1L;
    /** The command line, or a file it names, is wrong: exit code 2. */
    public static final int USAGE = 2;
    /** The environment does not allow starting (no NSM device, an address taken, no vsock): exit code 1. */
    public static final int ENVIRONMENT = 1;

    /** {@link #USAGE} or {@link #ENVIRONMENT}. */
    private final int exitCode;

    private StartupFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The command line, or a file it names, is wrong; the message says what and what to do. */
    public static StartupFailure usage(String message) {
        return new StartupFailure(USAGE, message);
    }

    /** The environment does not allow starting; the message says what and what to do. */
    public static StartupFailure environment(String message) {
        return new StartupFailure(ENVIRONMENT, message);
    }

    /** {@link #USAGE} or {@link #ENVIRONMENT}. */
    public int exitCode() {
        return exitCode;
    }
}
