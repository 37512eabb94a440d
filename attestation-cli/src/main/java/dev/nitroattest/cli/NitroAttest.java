package dev.nitroattest.cli;

import dev.nitroattest.cli.image.PcrsCommand;
import dev.nitroattest.cli.inspect.InspectCommand;
import dev.nitroattest.cli.speed.SpeedCommand;
import dev.nitroattest.cli.tls.TlsCommand;
import dev.nitroattest.cli.verify.VerifyCommand;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The {@code nitro-attest} tool's entry point. {@link #run} runs it in-process against any {@link Terminal}, which is
 * how the tests drive it; {@link #main} runs it against the process's own streams and exits with the status.
 */
public final class NitroAttest {
    private NitroAttest() {
    }

    /** Runs the command line against the process's streams and exits with the run's status. */
    public static void main(String[] args) {
        System.exit(run(Terminal.system(), args));
    }

    /**
     * Runs one command line.
     *
     * @return the exit code: see {@link ExitStatus}
     */
    public static int run(Terminal terminal, String... args) {
        return run(terminal, commandLine(terminal), args);
    }

    /**
     * Runs one command line on a configured command line. Picocli hands only exceptions to {@link Failures}; an error
     * such as StackOverflowError or OutOfMemoryError leaves {@code execute}, and left to the JVM it would end the
     * process with status 1, which scripts read as "rejected", and a stack trace.
     */
    static int run(Terminal terminal, CommandLine commandLine, String... args) {
        try {
            return commandLine.execute(args);
        } catch (Throwable error) {
            terminal.error(Failures.sentence(error));
            return ExitStatus.INTERNAL_ERROR.code();
        } finally {
            terminal.out().flush();
            terminal.err().flush();
        }
    }

    static CommandLine commandLine(Terminal terminal) {
        CommandLine commandLine = new CommandLine(new NitroAttestCommand())
                .addSubcommand(new VerifyCommand(terminal))
                .addSubcommand(new InspectCommand(terminal))
                .addSubcommand(new PcrsCommand(terminal))
                .addSubcommand(new SpeedCommand(terminal))
                .addSubcommand(new CommandLine(new TlsCommand(terminal).spec()));
        return commandLine.setOut(new PrintWriter(terminal.out(), true))
                .setErr(new PrintWriter(terminal.err(), true))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpWidth(UsageErrors.HELP_WIDTH)
                .setParameterExceptionHandler(new UsageErrors(terminal))
                .setExecutionExceptionHandler(new Failures(terminal));
    }
}
