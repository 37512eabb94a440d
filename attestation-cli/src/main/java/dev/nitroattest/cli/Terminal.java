package dev.nitroattest.cli;

import dev.nitroattest.text.PrintableText;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Objects;

/**
 * What one run of the tool reads from, writes to and takes as the present: the process's own streams and clock,
 * or a test's.
 *
 * @param in standard input, read when a file argument is {@code -}
 * @param out standard output: results only, so that scripts can parse it
 * @param err standard error: warnings and error messages
 * @param clock the source of "now" for verification
 */
public record Terminal(InputStream in, PrintStream out, PrintStream err, Clock clock) {

    public Terminal {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(clock, "clock");
    }

    /** The process's standard streams and the system clock in UTC. */
    public static Terminal system() {
        return new Terminal(System.in, System.out, System.err, Clock.systemUTC());
    }

    /**
     * Prints one message on standard error, prefixed with the tool's name. Messages quote file names and option
     * values as given and library messages as made, so their non-printable characters are escaped here, once for all.
     */
    public void error(String sentence) {
        err.println("nitro-attest: " + PrintableText.escapeSentence(sentence));
    }
}
