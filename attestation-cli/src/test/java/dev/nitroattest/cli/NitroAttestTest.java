package dev.nitroattest.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The entry point: whatever goes wrong ends in a sentence and an exit status, never in the JVM's own report. */
class NitroAttestTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Terminal terminal(InputStream in) {
        return new Terminal(in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC());
    }

    /** A command that fails the way the JVM does, not with an exception. */
    @Command(name = "fail")
    static final class FailingCommand implements Callable<Integer> {
        private final Error error;

        FailingCommand(Error error) {
            this.error = error;
        }

        @Override
        public Integer call() {
            throw error;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"stack", "memory", "other"})
    void anErrorOfTheJvmIsStatus4AndOneSentence(String kind) {
        Error error = switch (kind) {
            case "stack" -> new StackOverflowError();
            case "memory" -> new OutOfMemoryError("Java heap space");
            default -> new AssertionError("a broken invariant");
        };
        Terminal terminal = terminal(new ByteArrayInputStream(new byte[0]));
        int code = NitroAttest.run(terminal, new CommandLine(new FailingCommand(error)));
        String message = err.toString(StandardCharsets.UTF_8);
        assertAll(
                () -> assertEquals(4, code),
                () -> assertEquals("", out.toString(StandardCharsets.UTF_8)),
                () -> assertEquals(1, message.lines().count(), message),
                () -> assertTrue(message.startsWith("nitro-attest: internal error"), message),
                () -> assertTrue(message.strip().endsWith("."), message),
                () -> assertFalse(message.contains("\tat "), message));
        switch (kind) {
            case "stack" -> assertTrue(message.contains("ran out of stack space; please report it"), message);
            case "memory" -> assertTrue(message.contains("ran out of memory (Java heap space); run it with more, "
                    + "for example JAVA_TOOL_OPTIONS=-Xmx1g"), message);
            default -> assertTrue(message.contains("(java.lang.AssertionError: a broken invariant); please report"),
                    message);
        }
    }

    @Test
    void aReadFailureWithoutAMessageIsStillASentence() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException();
            }
        };
        int code = NitroAttest.run(terminal(failing), "verify", "--pcr", "0=" + "00".repeat(48), "-");
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(3, code, message);
        assertEquals("nitro-attest: cannot read standard input (an input/output error); check what feeds it.\n",
                message);
    }
}
