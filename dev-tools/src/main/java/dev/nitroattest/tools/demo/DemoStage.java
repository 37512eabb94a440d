package dev.nitroattest.tools.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What the in-process demos ({@code ./demo tls}, {@code ./demo secrets}) share: their lines, each starting
 * {@code demo NAME: }, what they started, stopped in reverse order however the demo ends, and how a run ends: exit
 * status 0 when everything went as the demo says it should, 1 when it did not or failed, with one line on standard
 * error.
 */
final class DemoStage implements AutoCloseable {
    private final String name;
    private final PrintStream out;
    private final List<AutoCloseable> started = new ArrayList<>();

    private DemoStage(String name, PrintStream out) {
        this.name = name;
        this.out = out;
    }

    /** A demo's whole play on a stage. */
    @FunctionalInterface
    interface Play {
        /** Whether everything went as the demo says it should. */
        boolean play(DemoStage stage) throws Exception;
    }

    /** Plays the demo {@code name} on a new stage, then stops what it started; the exit status. */
    static int run(String name, PrintStream out, PrintStream err, Play play) {
        try (DemoStage stage = new DemoStage(name, out)) {
            return play.play(stage) ? 0 : 1;
        } catch (Exception e) {
            err.println("demo " + name + ": FAILED: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
            return 1;
        }
    }

    /** Keeps {@code component} to stop at the end, before what was started earlier. */
    <T extends AutoCloseable> T started(T component) {
        started.add(0, component);
        return component;
    }

    /** One line of the demo's story. */
    void say(String line) {
        out.println("demo " + name + ": " + line);
    }

    /** An empty line between the acts. */
    void pause() {
        out.println();
    }

    @Override
    public void close() {
        for (AutoCloseable component : started) {
            try {
                component.close();
            } catch (Exception e) {
                // Stopping the rest matters more than how one of them failed to stop.
            }
        }
    }
}
