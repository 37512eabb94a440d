package dev.nitroattest.cli;

import dev.nitroattest.cli.build.BuildImageCommand;
import dev.nitroattest.cli.image.PcrsCommand;
import dev.nitroattest.cli.inspect.InspectCommand;
import dev.nitroattest.cli.speed.SpeedCommand;
import dev.nitroattest.cli.tls.TlsCommand;
import dev.nitroattest.cli.verify.PlainVerifyLine;
import dev.nitroattest.cli.verify.VerifyCommand;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code nitro-attest} tool's entry point. {@link #run} runs it in-process against any {@link Terminal}, which is
 * how the tests drive it; {@link #main} runs it against the process's own streams and exits with the status.
 */
public final class NitroAttest {
    /** The commands in the order the tool's help lists them, after {@code help}. */
    private static final List<String> COMMANDS = List.of("verify", "inspect", "pcrs", "build-image", "speed", "tls");

    private NitroAttest() {
    }

    /** Runs the command line against the process's streams and exits with the run's status. */
    public static void main(String[] args) {
        Phases.mainEntered();
        Terminal terminal = Terminal.system();
        int status = run(terminal, args);
        Phases.print(terminal.err());
        System.exit(status);
    }

    /**
     * Runs one command line.
     *
     * @return the exit code: see {@link ExitStatus}
     */
    public static int run(Terminal terminal, String... args) {
        Optional<PlainVerifyLine> plainVerify = PlainVerifyLine.parse(args);
        if (plainVerify.isPresent()) {
            return run(terminal, plainVerify.get(), args);
        }
        return run(terminal, commandLine(terminal, args), args);
    }

    /**
     * Runs a plain {@code verify} command line without picocli's model, which only a failure then builds, to report it
     * as picocli's {@code execute} would: an exception through {@link Failures} with the {@code verify} command's
     * model, an error as one sentence.
     */
    private static int run(Terminal terminal, PlainVerifyLine plainVerify, String... args) {
        Phases.mark("command line: parsed");
        return reportingErrors(terminal, () -> {
            try {
                return plainVerify.run(terminal).code();
            } catch (Exception failure) {
                CommandLine verify = commandLine(terminal, args).getSubcommands().get("verify");
                return new Failures(terminal).handleExecutionException(failure, verify, null);
            }
        });
    }

    /**
     * Runs one command line on a configured command line. Picocli hands only exceptions to {@link Failures}; an error
     * such as StackOverflowError or OutOfMemoryError leaves {@code execute}, and left to the JVM it would end the
     * process with status 1, which scripts read as "rejected", and a stack trace.
     */
    static int run(Terminal terminal, CommandLine commandLine, String... args) {
        Phases.mark("model: built");
        return reportingErrors(terminal, () -> commandLine.execute(args));
    }

    /**
     * The exit status of a run, or INTERNAL_ERROR with one sentence for an error that escaped it; both streams
     * flushed either way.
     */
    private static int reportingErrors(Terminal terminal, IntSupplier run) {
        try {
            return run.getAsInt();
        } catch (Throwable error) {
            terminal.error(Failures.sentence(error));
            return ExitStatus.INTERNAL_ERROR.code();
        } finally {
            terminal.out().flush();
            terminal.err().flush();
        }
    }

    /** The whole tool: every command, as its help and usage errors need them. */
    static CommandLine commandLine(Terminal terminal) {
        return commandLine(terminal, new String[0]);
    }

    /**
     * The tool with only the command a command line names, when its first word names one exactly: what the run needs,
     * since picocli then parses the rest against that command alone. Any other command line (help, a version, a
     * mistyped command) gets every command, so that the command list and the suggestions stay complete.
     */
    static CommandLine commandLine(Terminal terminal, String... args) {
        CommandLine commandLine = new CommandLine(NitroAttestCommand.spec());
        String named = args.length > 0 && COMMANDS.contains(args[0]) ? args[0] : null;
        if (named == null) {
            commandLine.addSubcommand(new CommandLine(new HelpSubcommand().spec()));
        }
        for (String name : COMMANDS) {
            if (named == null || named.equals(name)) {
                commandLine.addSubcommand(new CommandLine(command(name, terminal)));
            }
        }
        return commandLine.setOut(new PrintWriter(terminal.out(), true))
                .setErr(new PrintWriter(terminal.err(), true))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpWidth(UsageErrors.HELP_WIDTH)
                .setParameterExceptionHandler(new UsageErrors(terminal))
                .setExecutionExceptionHandler(new Failures(terminal));
    }

    private static CommandSpec command(String name, Terminal terminal) {
        return switch (name) {
            case "verify" -> new VerifyCommand(terminal).spec();
            case "inspect" -> new InspectCommand(terminal).spec();
            case "pcrs" -> new PcrsCommand(terminal).spec();
            case "build-image" -> new BuildImageCommand(terminal).spec();
            case "speed" -> new SpeedCommand(terminal).spec();
            case "tls" -> new TlsCommand(terminal).spec();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }
}
