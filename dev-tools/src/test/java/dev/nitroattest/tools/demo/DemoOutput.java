package dev.nitroattest.tools.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One in-process run of a demo: its exit status and what it printed on each stream.
 *
 * @param printed standard output
 * @param errors standard error
 */
record DemoOutput(int status, String printed, String errors) {
    /** A demo's entry point for tests: {@code TlsDemo::run}, {@code SecretsDemo::run}. */
    @FunctionalInterface
    interface Demo {
        int run(PrintStream out, PrintStream err);
    }

    static DemoOutput of(Demo demo) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = demo.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new DemoOutput(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
