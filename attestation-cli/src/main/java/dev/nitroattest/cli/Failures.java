package dev.nitroattest.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command throws into a message and an exit status: a {@link UserError} is printed as its one sentence
 * (with a pointer to the help for usage errors); any other exception is a bug in the tool, reported as such with its
 * stack trace for the bug report; an error of the JVM (out of memory, out of stack) is one sentence.
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

    /**
     * The one sentence for a failure that is not an exception. No stack trace: the JVM's own state is what failed,
     * and a trace of a stack overflow is thousands of lines.
     */
    static String sentence(Throwable error) {
        if (error instanceof OutOfMemoryError) {
            String which = error.getMessage() == null ? "" : " (" + error.getMessage() + ")";
            return "internal error: Java ran out of memory" + which + "; run it with more, for example "
                    + "JAVA_TOOL_OPTIONS=-Xmx1g, or report it if the input was small.";
        }
        if (error instanceof StackOverflowError) {
            return "internal error: the tool ran out of stack space; please report it with the command line that "
                    + "caused it.";
        }
        return "internal error (" + error + "); please report it with the command line that caused it.";
    }
}
