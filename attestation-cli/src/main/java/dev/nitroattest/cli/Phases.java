package dev.nitroattest.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;

/**
 * Where a run's time goes, printed on standard error when the JVM is given {@code -Dnitroattest.phases=NANOS}, NANOS
 * being when the command was launched in nanoseconds since the epoch ({@code date +%s%N}), so that the first phase is
 * the launcher's and the JVM's start-up up to {@code main}; with any other value that phase is left out. A diagnostic
 * for start-up work (docs/performance.md, CLI start-up): without the property nothing is recorded.
 */
public final class Phases {
    private static final String PROPERTY = "nitroattest.phases";
    private static final boolean ENABLED = System.getProperty(PROPERTY) != null;
    private static final int MAX_PHASES = 32;

    private static final String[] NAMES = ENABLED ? new String[MAX_PHASES] : null;
    private static final long[] ENDS = ENABLED ? new long[MAX_PHASES] : null;
    private static int count;
    private static long mainEntered;

    private Phases() {
    }

    /** The start of {@code main}: the end of the JVM's start-up. */
    static void mainEntered() {
        if (ENABLED) {
            mainEntered = System.nanoTime();
        }
    }

    /** Ends the phase that ran since the previous mark (or since {@code main} started). */
    public static void mark(String phase) {
        if (ENABLED && count < MAX_PHASES) {
            ENDS[count] = System.nanoTime();
            NAMES[count++] = phase;
        }
    }

    /** Prints the phases, one a line, and their sum since {@code main} started. */
    static void print(PrintStream err) {
        if (!ENABLED) {
            return;
        }
        long launched = launchNanos();
        if (launched > 0) {
            Instant now = Instant.now();
            long sinceMain = System.nanoTime() - mainEntered;
            long sinceLaunch = (now.getEpochSecond() * 1_000_000_000L + now.getNano()) - launched;
            line(err, "launcher and JVM start", sinceLaunch - sinceMain);
        }
        long previous = mainEntered;
        for (int i = 0; i < count; i++) {
            line(err, NAMES[i], ENDS[i] - previous);
            previous = ENDS[i];
        }
        line(err, "main, in all", System.nanoTime() - mainEntered);
    }

    private static long launchNanos() {
        try {
            return Long.parseLong(System.getProperty(PROPERTY));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void line(PrintStream err, String phase, long nanos) {
        err.println(String.format(Locale.ROOT, "nitro-attest: phase %-24s %7.1f ms", phase, nanos / 1e6));
    }
}
