package dev.nitroattest.text;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Where a process of the project (the enclave agent, the parent proxy) writes its one-line messages. Not
 * java.util.logging: its handlers are reset by the JVM's own shutdown hook, which would swallow the lines a process
 * writes while it stops on SIGTERM. Messages may quote what a client, a peer or the agent sent, so
 * {@link #to(PrintStream, String)} escapes every character that could break or forge a line.
 */
@FunctionalInterface
public interface LineLog {

    /**
     * Writes one message as one line.
     *
     * @param message the message; the implementation escapes what could break the line
     */
    void line(String message);

    /**
     * Lines {@code TIME PROGRAM: MESSAGE}, the time in UTC to the millisecond, written to the stream (the processes
     * use standard error); control and other non-printable characters of the message are escaped with
     * {@link PrintableText}, so each message is exactly one line.
     *
     * @param program the program's name, such as {@code enclave-agent}
     */
    static LineLog to(PrintStream stream, String program) {
        Objects.requireNonNull(stream, "stream");
        String prefix = " " + Objects.requireNonNull(program, "program") + ": ";
        return message -> {
            String line = Instant.now().truncatedTo(ChronoUnit.MILLIS) + prefix + PrintableText.escape(message);
            synchronized (stream) {
                stream.println(line);
                stream.flush();
            }
        };
    }

    /** Drops every line: for a measurement that a log would disturb, such as the load test. */
    static LineLog discard() {
        return message -> { };
    }
}
