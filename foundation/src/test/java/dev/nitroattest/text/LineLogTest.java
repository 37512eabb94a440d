package dev.nitroattest.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The processes' one-line log: time, program, the message escaped, each line out as soon as it is written. */
class LineLogTest {
    @Test
    void eachMessageIsOneLineWithTheTimeAndTheProgram() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        // Buffered and without auto-flush: a line shows only if the log flushes it.
        PrintStream stream = new PrintStream(new BufferedOutputStream(sink, 1 << 16), false, StandardCharsets.UTF_8);
        LineLog log = LineLog.to(stream, "enclave-agent");
        log.line("client sent \"x\nVERIFIED\u001b[2K\"");
        String written = sink.toString(StandardCharsets.UTF_8);
        assertTrue(written.endsWith(System.lineSeparator()), written);
        String line = written.substring(0, written.length() - System.lineSeparator().length());
        assertFalse(line.contains("\n"), line);
        int space = line.indexOf(' ');
        Instant time = Instant.parse(line.substring(0, space));
        assertEquals(time, time.truncatedTo(ChronoUnit.MILLIS), "to the millisecond");
        // The wall clock, which an NTP step may move: a minute either way is "now", the UTC time of writing.
        assertTrue(Duration.between(time, Instant.now()).abs().compareTo(Duration.ofMinutes(1)) < 0, line);
        assertEquals(" enclave-agent: client sent \"x\\nVERIFIED\\x1b[2K\"", line.substring(space));
        log.line("second");
        assertTrue(sink.toString(StandardCharsets.UTF_8).endsWith(" enclave-agent: second" + System.lineSeparator()));
    }

    @Test
    void discardAcceptsEveryLine() {
        LineLog discard = LineLog.discard();
        discard.line("anything");
        discard.line(null);
    }
}
