package dev.nitroattest.proxy;

/** The proxy cannot start; the message is the one sentence the user sees, the exit code says whose fault it is. */
final class StartupFailure extends Exception {
    private static final long serialVersionUID = 1L;
    /** The command line, or a file it names, is wrong. */
    static final int USAGE = 2;
    /** The environment does not allow starting: an address is taken, vsock is missing. */
    static final int ENVIRONMENT = 1;

    private final int exitCode;

    private StartupFailure(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    static StartupFailure usage(String message) {
        return new StartupFailure(message, USAGE);
    }

    static StartupFailure environment(String message) {
        return new StartupFailure(message, ENVIRONMENT);
    }

    int exitCode() {
        return exitCode;
    }
}
