package dev.nitroattest.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link InstantText} writes what {@link Instant#toString()} writes, at the edges of its range and at random. */
class InstantTextTest {
    private static final long LAST_SECOND_OF_9999 = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Test
    void writesWhatInstantToStringWritesAtTheEdges() {
        long[] seconds = {0, 1, 59, 60, 86_399, 86_400, 951_782_400 /* 2000-02-29 */, 1_772_449_200,
            4_107_542_400L /* 2100-03-01 */, LAST_SECOND_OF_9999 - 1, LAST_SECOND_OF_9999, LAST_SECOND_OF_9999 + 1,
            -1, -86_400, Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()};
        int[] nanos = {0, 1, 999, 1_000, 10_000, 999_000, 1_000_000, 10_000_000, 100_000_000, 120_000_000, 123_456_000,
            123_456_789, 999_999_999};
        for (long second : seconds) {
            for (int nano : nanos) {
                Instant instant = Instant.ofEpochSecond(second, nano);
                assertEquals(instant.toString(), InstantText.of(instant));
            }
        }
    }

    @Test
    void writesWhatInstantToStringWritesForDocumentTimestamps() {
        Random random = new Random(23);
        for (int i = 0; i < 100_000; i++) {
            // Documents carry milliseconds since the epoch; every millisecond up to the year 9999 and beyond.
            long millis = random.nextLong() >>> (random.nextInt(64) + 1);
            Instant instant = Instant.ofEpochMilli(millis);
            assertEquals(instant.toString(), InstantText.of(instant), () -> "milliseconds " + millis);
            Instant withNanos = Instant.ofEpochSecond(instant.getEpochSecond(), random.nextInt(1_000_000_000));
            assertEquals(withNanos.toString(), InstantText.of(withNanos));
        }
    }
}
