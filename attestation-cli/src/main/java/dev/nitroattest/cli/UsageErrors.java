package dev.nitroattest.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

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
        String sentence = Sentences.clause(ex.getMessage());
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            sentence += " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)";
        }
        report(terminal, ex.getCommandLine(), sentence + ".");
        return ExitStatus.USAGE_ERROR.code();
    }

    static void report(Terminal terminal, CommandLine commandLine, String sentence) {
        terminal.error(sentence);
        terminal.err().println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for usage.");
    }
}
