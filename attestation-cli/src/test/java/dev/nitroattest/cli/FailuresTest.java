package dev.nitroattest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** What a command throws becomes an exit status: a user's error its one sentence, anything else a reported bug. */
class FailuresTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Terminal terminal = new Terminal(new ByteArrayInputStream(new byte[0]),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC());
    private final Failures failures = new Failures(terminal);

    @Test
    void aBugIsExitStatus4WithTheStackTraceForTheReport() {
        int code = failures.handleExecutionException(new IllegalStateException("boom"),
                NitroAttest.commandLine(terminal), null);
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(4, code);
        assertTrue(message.startsWith("nitro-attest: internal error (java.lang.IllegalStateException: boom); please "
                + "report it"), message);
        assertTrue(message.contains("\tat "), message);
    }

    @Test
    void aUsersErrorIsItsSentenceAndItsStatus() {
        int code = failures.handleExecutionException(UserError.unreadable("cannot read x: there is no such file."),
                NitroAttest.commandLine(terminal), null);
        assertEquals(3, code);
        assertEquals("nitro-attest: cannot read x: there is no such file.\n", err.toString(StandardCharsets.UTF_8));
    }
}
