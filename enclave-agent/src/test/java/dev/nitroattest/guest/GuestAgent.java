package dev.nitroattest.guest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The agent's jar as its own JVM in the guest, as it runs in an enclave: {@code --listen vsock:PORT --nsm /dev/nsm}.
 * Its standard error (the agent's log) is copied to the console, prefixed, and kept for the checks.
 */
final class GuestAgent implements AutoCloseable {
    /** How long any wait for the agent may take: TCG is slow and the machine is shared, so this is generous. */
    static final long WAIT_SECONDS = 300;

    private final Process process;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private final long startNanos = System.nanoTime();
    private volatile long listeningNanos;

    private GuestAgent(Process process, String name) {
        this.process = process;
        this.reader = new Thread(() -> read(name), "agent log " + name);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Starts the agent with these options after {@code --listen vsock:PORT --nsm /dev/nsm}. */
    static GuestAgent start(String java, String jar, int port, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx160m", "-Xss512k", "-jar", jar, "--listen", "vsock:" + port, "--nsm", "/dev/nsm"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        return new GuestAgent(process, "agent:" + port);
    }

    private void read(String name) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (listeningNanos == 0 && line.contains("listening on vsock:")) {
                    listeningNanos = System.nanoTime();
                }
                log.add(line);
                GuestDriver.console(name + "| " + line);
            }
        } catch (IOException e) {
            GuestDriver.console(name + "| (log unreadable: " + e + ")");
        }
    }

    /** Waits until the agent logs that it listens; the seconds it took from the start of its JVM. */
    double awaitListening() throws Exception {
        awaitLine(line -> line.contains("listening on vsock:"), "the agent logs that it listens");
        return (listeningNanos - startNanos) / 1e9;
    }

    /** Waits, at most {@link #WAIT_SECONDS}, until the agent has logged a line that matches. */
    void awaitLine(Predicate<String> wanted, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (log.stream().noneMatch(wanted)) {
            if (!process.isAlive() && !reader.isAlive() && log.stream().noneMatch(wanted)) {
                throw new IllegalStateException("the agent ended (status " + process.exitValue() + ") before "
                        + what);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + WAIT_SECONDS + " s in vain until " + what);
            }
            Thread.sleep(5);
        }
    }

    List<String> log() {
        return List.copyOf(log);
    }

    /** Sends SIGTERM and returns the exit status once the agent and its log have ended. */
    int terminate() throws Exception {
        process.destroy();
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the agent did not stop within " + WAIT_SECONDS + " s of SIGTERM");
        }
        reader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
