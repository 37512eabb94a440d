package dev.nitroattest.process;

import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * How each of the project's processes (the agent, the proxy, the KMS emulator, and dev-tools' demo client and load
 * test) reads its command line and starts, so that they answer mistakes alike: a wrong command line is one sentence,
 * {@code (see --help)}, and exit status 2; {@code --help} and {@code --version} print and exit 0; a
 * {@link StartupFailure} is one sentence and its exit status; an interrupt is one sentence and exit status 1.
 * Uses picocli, which is this module's only required dependency: a library that never starts a process does not
 * need it.
 */
public final class CommandLineProcess {
    private CommandLineProcess() {}

    /** What a process does once its command line is read. */
    @FunctionalInterface
    public interface Serving<C> {
        /**
         * Serves until stopped, or does its one job.
         *
         * @return the exit status
         * @throws StartupFailure when it cannot start or cannot do its job
         * @throws InterruptedException when interrupted while waiting
         */
        int serve(C command) throws StartupFailure, InterruptedException;
    }

    /**
     * Reads {@code args} into {@code command} and serves.
     *
     * @param name the program's name, which starts each sentence it prints
     * @return the exit status
     */
    public static <C> int run(String name, C command, String[] args, PrintStream out, PrintStream err,
            Serving<C> serving) {
        CommandLine cli = new CommandLine(command);
        try {
            cli.parseArgs(args);
        } catch (ParameterException e) {
            err.println(name + ": " + e.getMessage() + " (see --help)");
            return StartupFailure.USAGE;
        }
        if (cli.isUsageHelpRequested()) {
            cli.usage(out);
            return 0;
        }
        if (cli.isVersionHelpRequested()) {
            cli.printVersionHelp(out);
            return 0;
        }
        try {
            return serving.serve(command);
        } catch (StartupFailure e) {
            err.println(name + ": " + e.getMessage());
            return e.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(name + ": interrupted.");
            return StartupFailure.ENVIRONMENT;
        }
    }
}
