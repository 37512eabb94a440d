package dev.nitroattest.guest;

import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.testing.NsmFrames.Answer;
import dev.nitroattest.testing.NsmFrames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the test-only CUSE server ({@code src/test/native/nsm-cuse}) inside the test guest, so that the kernel has a
 * character device {@code /dev/nsm} whose ioctl is answered by the project's emulated NSM in this JVM. The guest's
 * driver uses it to give the agent a real device node; nothing of it runs on the host.
 */
final class CuseNsm implements AutoCloseable {
    /** What the next requests get. */
    enum Mode {
        /** The emulator's answer. */
        ANSWER,
        /** The ioctl fails with ETIMEDOUT, as the real driver's does when the NSM does not answer in 120 s. */
        TIMED_OUT,
        /** The answer waits until {@link #open()}: a request held inside the NSM. */
        GATED
    }

    private static final int ETIMEDOUT = 110;

    private final Process process;
    private final EmulatedNsm emulator;
    private final Thread pump;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Mode mode = Mode.ANSWER;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile CountDownLatch inside = new CountDownLatch(1);
    private volatile boolean closing;

    private CuseNsm(Process process, EmulatedNsm emulator) {
        this.process = process;
        this.emulator = emulator;
        this.pump = new Thread(this::pump, "nsm-cuse pump");
        this.pump.setDaemon(true);
        this.pump.start();
    }

    /**
     * Starts the server and waits until the kernel has made {@code /dev/NAME}.
     *
     * @throws IOException if the server does not start or the device does not appear in time
     */
    static CuseNsm start(Path server, String name, EmulatedNsm emulator, Path log) throws Exception {
        // The server's timeout only guards against a driver that stopped answering; the agent's own requests are
        // never left unanswered here (the ETIMEDOUT case is an answer).
        Process process = new ProcessBuilder(server.toString(), name, "600000").redirectError(log.toFile()).start();
        CuseNsm cuse = new CuseNsm(process, emulator);
        Path device = Path.of("/dev", name);
        if (!cuse.ready.await(120, TimeUnit.SECONDS) || !Files.exists(device)) {
            cuse.close();
            throw new IOException("the CUSE server did not make " + device + " within 120 s ("
                    + Files.readString(log).strip() + ")");
        }
        return cuse;
    }

    void mode(Mode next) {
        if (next == Mode.GATED) {
            gate = new CountDownLatch(1);
            inside = new CountDownLatch(1);
        }
        mode = next;
    }

    /** Waits until a gated request has reached the NSM. */
    boolean awaitRequestInside(long seconds) throws InterruptedException {
        return inside.await(seconds, TimeUnit.SECONDS);
    }

    /** Lets gated requests be answered, and answers normally from now on. */
    void open() {
        mode = Mode.ANSWER;
        gate.countDown();
    }

    /** How many ioctls the server has passed on. */
    int requests() {
        return requests.get();
    }

    /** Stops the server with SIGTERM and returns its exit status, or -1 if it had to be killed. */
    int stop() throws InterruptedException {
        closing = true;
        process.destroy();
        if (process.waitFor(60, TimeUnit.SECONDS)) {
            return process.exitValue();
        }
        process.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    private void pump() {
        try {
            NsmFrames.serve(process, this::answer, ready::countDown, request -> requests.incrementAndGet());
        } catch (IOException e) {
            if (!closing) {
                e.printStackTrace();
            }
        } finally {
            ready.countDown();
        }
    }

    private Answer answer(byte[] request) throws Exception {
        Mode now = mode;
        if (now == Mode.GATED) {
            inside.countDown();
            gate.await();
        }
        return now == Mode.TIMED_OUT ? new Answer.Failure(ETIMEDOUT) : new Answer.Response(emulator.exchange(request));
    }
}
