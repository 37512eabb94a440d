package dev.nitroattest.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command throws into a message and an exit status: a {@link UserError} is printed as its one sentence
 * (with a pointer to the help for usage errors); anything else is a bug in the tool, reported as such with its stack
 * trace for the bug report.
 */
final class Failures implements IExecutionExceptionHandler {
    private final Terminal terminal;

    Failures(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        if (ex instanceof UserError error) {
            if (error.status() == ExitStatus.USAGE_ERROR) {
                UsageErrors.report(terminal, commandLine, error.getMessage());
            } else {
                terminal.error(error.getMessage());
            }
            return error.status().code();
        }
        terminal.error("internal error (" + ex + "); please report it with the stack trace below.");
        ex.printStackTrace(terminal.err());
        return ExitStatus.INTERNAL_ERROR.code();
    }
}
