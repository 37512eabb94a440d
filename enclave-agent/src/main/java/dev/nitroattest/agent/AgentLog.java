package dev.nitroattest.agent;

import dev.nitroattest.text.PrintableText;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Where the agent writes its one-line messages. Not java.util.logging: its handlers are reset by the JVM's own
 * shutdown hook, which would swallow the lines the agent writes while it stops on SIGTERM. Messages may quote what a
 * client sent, so {@link #to(PrintStream)} escapes every character that could break or forge a line.
 */
@FunctionalInterface
public interface AgentLog {

    /**
     * Writes one message as one line.
     *
     * @param message the message; the implementation escapes what could break the line
     */
    void line(String message);

    /**
     * Lines prefixed with the UTC time, written to the stream (the agent uses standard error); control and other
     * non-printable characters of the message are escaped, so each message is exactly one line.
     */
    static AgentLog to(PrintStream stream) {
        return message -> {
            String line = Instant.now().truncatedTo(ChronoUnit.MILLIS) + " enclave-agent: "
                    + PrintableText.escape(message);
            synchronized (stream) {
                stream.println(line);
                stream.flush();
            }
        };
    }
}
