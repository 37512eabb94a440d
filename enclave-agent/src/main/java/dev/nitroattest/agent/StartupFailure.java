package dev.nitroattest.agent;

/** The agent cannot start; the message is the one sentence the user sees, the exit code says whose fault it is. */
final class StartupFailure extends Exception {
    private static final long serialVersionUID = 1L;
    /** The command line, or a file it names, is wrong. */
    static final int USAGE = 2;
    /** The environment does not allow it: no NSM device, the address is taken. */
    static final int ENVIRONMENT = 1;

    private final int exitCode;

    private StartupFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    static StartupFailure usage(String message) {
        return new StartupFailure(USAGE, message);
    }

    static StartupFailure environment(String message) {
        return new StartupFailure(ENVIRONMENT, message);
    }

    int exitCode() {
        return exitCode;
    }
}
