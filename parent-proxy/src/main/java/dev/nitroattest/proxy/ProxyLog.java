package dev.nitroattest.proxy;

import dev.nitroattest.text.PrintableText;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Where the proxy writes its one-line messages. Not java.util.logging: its handlers are reset by the JVM's own
 * shutdown hook, which would swallow the lines written while the proxy stops on SIGTERM. Messages may quote what the
 * enclave agent answered or a client sent, so {@link #to(PrintStream)} escapes every character that could break or
 * forge a line.
 */
@FunctionalInterface
public interface ProxyLog {

    void line(String message);

    /**
     * Lines prefixed with the UTC time, written to the stream (the command line uses standard error); control and
     * other non-printable characters of the message are escaped, so each message is exactly one line.
     */
    static ProxyLog to(PrintStream stream) {
        return message -> {
            String line = Instant.now().truncatedTo(ChronoUnit.MILLIS) + " parent-proxy: "
                    + PrintableText.escape(message);
            synchronized (stream) {
                stream.println(line);
                stream.flush();
            }
        };
    }

    /** Drops every line: for the load test, whose measurements a log would disturb. */
    static ProxyLog discard() {
        return message -> { };
    }
}
