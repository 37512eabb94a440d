package dev.nitroattest.guest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The agent's jar as its own JVM in the guest, as it runs in an enclave: {@code --listen vsock:PORT --nsm /dev/nsm}.
 * Its standard error (the agent's log) goes to a file in the guest's /tmp, which a thread follows: each line is
 * copied to the console, prefixed, and kept for the checks without its time stamp. A file rather than a pipe,
 * because a pipe read by another thread while the JVM reaps the process can lose the last lines ("stopped").
 */
final class GuestAgent implements AutoCloseable {
    /** How long any wait for the agent may take: TCG is slow and the machine is shared, so this is generous. */
    static final long WAIT_SECONDS = 300;
    /** What the agent's log puts before each message, after the time stamp. */
    private static final String LOG_MARK = " enclave-agent: ";

    private final Process process;
    private final Path logFile;
    private final String name;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Thread follower;
    private final long startNanos = System.nanoTime();
    private volatile long listeningNanos;
    private volatile boolean quiet;

    private GuestAgent(Process process, Path logFile, String name) {
        this.process = process;
        this.logFile = logFile;
        this.name = name;
        this.follower = new Thread(this::follow, "agent log " + name);
        this.follower.setDaemon(true);
        this.follower.start();
    }

    /** Starts the agent with these options after {@code --listen vsock:PORT --nsm /dev/nsm}. */
    static GuestAgent start(String java, String jar, int port, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx160m", "-Xss512k", "-jar", jar, "--listen", "vsock:" + port, "--nsm", "/dev/nsm"));
        command.addAll(List.of(options));
        Path logFile = Path.of("/tmp/agent-" + port + ".log");
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(logFile.toFile()).start();
        return new GuestAgent(process, logFile, "agent:" + port);
    }

    /** While quiet, the agent's lines are kept but not copied to the console (whose speed would be measured). */
    void quiet(boolean value) {
        quiet = value;
    }

    private void follow() {
        StringBuilder partial = new StringBuilder();
        byte[] buffer = new byte[8192];
        try (InputStream in = Files.newInputStream(logFile)) {
            while (true) {
                // Read what the process's end left only after it ended, so that nothing written last is missed.
                boolean ended = !process.isAlive();
                int n;
                boolean any = false;
                while ((n = in.read(buffer)) > 0) {
                    any = true;
                    partial.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    int newline;
                    while ((newline = partial.indexOf("\n")) >= 0) {
                        line(partial.substring(0, newline));
                        partial.delete(0, newline + 1);
                    }
                }
                if (ended) {
                    if (partial.length() > 0) {
                        line(partial.toString());
                    }
                    return;
                }
                if (!any) {
                    Thread.sleep(5);
                }
            }
        } catch (IOException e) {
            GuestDriver.console(name + "| (its log file is unreadable: " + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void line(String line) {
        if (listeningNanos == 0 && line.contains("listening on vsock:")) {
            listeningNanos = System.nanoTime();
        }
        int mark = line.indexOf(LOG_MARK);
        log.add(mark >= 0 ? line.substring(mark + LOG_MARK.length()) : line);
        if (!quiet) {
            GuestDriver.console(name + "| " + line);
        }
    }

    /** Waits until the agent logs that it listens; the seconds it took from the start of its JVM. */
    double awaitListening() throws Exception {
        awaitLine(line -> line.startsWith("listening on vsock:"), "the agent logs that it listens");
        return (listeningNanos - startNanos) / 1e9;
    }

    /** Waits, at most {@link #WAIT_SECONDS}, until the agent has logged a line (without time stamp) that matches. */
    void awaitLine(Predicate<String> wanted, String what) throws Exception {
        awaitLine(0, wanted, what);
    }

    /** As {@link #awaitLine(Predicate, String)}, looking only at the lines from this index of {@link #log()} on. */
    void awaitLine(int from, Predicate<String> wanted, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (log.stream().skip(from).noneMatch(wanted)) {
            if (!follower.isAlive() && log.stream().skip(from).noneMatch(wanted)) {
                throw new IllegalStateException("the agent ended (status " + process.exitValue() + ") before "
                        + what);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + WAIT_SECONDS + " s in vain until " + what);
            }
            Thread.sleep(5);
        }
    }

    /** The lines logged so far, without their time stamps. */
    List<String> log() {
        return List.copyOf(log);
    }

    /** Sends SIGTERM and returns the exit status once the agent has ended and its log has been read to the end. */
    int terminate() throws Exception {
        process.destroy();
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the agent did not stop within " + WAIT_SECONDS + " s of SIGTERM");
        }
        follower.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        follower.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    }
}
