package dev.nitroattest.agent;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Where the agent writes its one-line messages. Not java.util.logging: its handlers are reset by the JVM's own
 * shutdown hook, which would swallow the lines the agent writes while it stops on SIGTERM.
 */
@FunctionalInterface
public interface AgentLog {

    void line(String message);

    /** Lines prefixed with the UTC time, written to the stream (the agent uses standard error). */
    static AgentLog to(PrintStream stream) {
        return message -> {
            String line = Instant.now().truncatedTo(ChronoUnit.MILLIS) + " enclave-agent: " + message;
            synchronized (stream) {
                stream.println(line);
                stream.flush();
            }
        };
    }
}
