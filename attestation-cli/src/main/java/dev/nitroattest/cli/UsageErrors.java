package dev.nitroattest.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Reports a command line picocli could not parse: the problem in one sentence, then where to find the usage. Not
 * the whole usage text, which would bury the sentence that matters.
 */
final class UsageErrors implements IParameterExceptionHandler {
    /** Wide enough for the longest option synopsis on one line, narrow enough for a terminal. */
    static final int HELP_WIDTH = 100;

    private final Terminal terminal;

    UsageErrors(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        report(terminal, ex.getCommandLine(), Sentences.clause(ex.getMessage()) + ".");
        return ExitStatus.USAGE_ERROR.code();
    }

    static void report(Terminal terminal, CommandLine commandLine, String sentence) {
        terminal.error(sentence);
        terminal.err().println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for usage.");
    }
}
