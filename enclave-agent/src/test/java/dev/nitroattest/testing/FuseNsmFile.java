package dev.nitroattest.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.nitroattest.testing.NsmFrames.Answerer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A FUSE file that answers the NSM driver's ioctl (0xC0200A00) through the kernel, served by the test-only C
 * program in {@code src/test/native/nsm-fuse}. Each request the kernel hands that program comes back to this JVM,
 * where an {@link NsmFrames.Answerer} (normally the project's emulated NSM) decides the answer, so the emulator
 * stays the single source of truth while the agent's real device code does the real ioctl.
 *
 * <p>Where FUSE cannot be used (no {@code /dev/fuse}, no libfuse3 headers, no permission to mount) {@link #mount}
 * skips the test with the reason; with {@code -Dnitro.requireFuse=true} or {@code NITRO_REQUIRE_FUSE=1} it fails
 * instead, so that CI, which installs what is needed, always runs these tests.
 */
public final class FuseNsmFile implements AutoCloseable {
    private static final Path SOURCE = Path.of("src/test/native/nsm-fuse").toAbsolutePath();
    private static final Path BINARY = Path.of("target/nsm-fuse/nsm-fuse").toAbsolutePath();
    private static final long STEP_SECONDS = 30;

    private final Path file;
    private final Path log;
    private final Process process;
    private final Thread pump;
    private final List<byte[]> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile boolean closing;
    private volatile boolean announced;

    private FuseNsmFile(Path file, Path log, Process process, Answerer answerer) {
        this.file = file;
        this.log = log;
        this.process = process;
        this.pump = new Thread(() -> pump(answerer), "nsm-fuse pump");
        this.pump.setDaemon(true);
        this.pump.start();
    }

    /**
     * Mounts a FUSE NSM file named {@code nsm} in this directory.
     *
     * @param directory an empty directory the test owns
     * @param timeoutMillis how long the server waits for an answer before failing the ioctl with ETIMEDOUT
     * @param answerer decides each answer
     * @return the mounted file; close it to unmount
     * @throws Exception if the program cannot be built or started where FUSE is required
     */
    public static FuseNsmFile mount(Path directory, int timeoutMillis, Answerer answerer) throws Exception {
        Path devFuse = Path.of("/dev/fuse");
        if (!Files.isReadable(devFuse) || !Files.isWritable(devFuse)) {
            unavailable("/dev/fuse is missing or not readable and writable (create it with 'mknod /dev/fuse c 10 "
                    + "229' as root)");
        }
        build();
        Path file = Files.createFile(directory.resolve("nsm"));
        Path log = directory.resolve("nsm-fuse.log");
        Process process = new ProcessBuilder(BINARY.toString(), file.toString(), Integer.toString(timeoutMillis))
                .redirectError(log.toFile()).start();
        FuseNsmFile mounted = new FuseNsmFile(file, log, process, answerer);
        if (!mounted.ready.await(STEP_SECONDS, TimeUnit.SECONDS) || !mounted.announced) {
            mounted.close();
            unavailable("the FUSE server could not mount " + file + " within " + STEP_SECONDS + " s ("
                    + Files.readString(log, StandardCharsets.UTF_8).strip() + ")");
        }
        return mounted;
    }

    /** The FUSE file, to be opened as the NSM device. */
    public Path path() {
        return file;
    }

    /** Every request the server received, in order. */
    public List<byte[]> requests() {
        return List.copyOf(requests);
    }

    /** Whether the file is still mounted, from this process's mount table. */
    public boolean mounted() throws IOException {
        String needle = " " + file + " ";
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().anyMatch(l -> l.contains(needle));
    }

    /** Stops the server (SIGTERM makes it unmount), then unmounts lazily if it could not; every wait is bounded. */
    @Override
    public void close() throws IOException {
        closing = true;
        try {
            process.destroy();
            if (!process.waitFor(STEP_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STEP_SECONDS, TimeUnit.SECONDS);
            }
            if (mounted()) {
                Process umount = new ProcessBuilder("umount", "-l", file.toString()).redirectErrorStream(true).start();
                if (!umount.waitFor(STEP_SECONDS, TimeUnit.SECONDS)) {
                    umount.destroyForcibly();
                }
            }
            pump.join(TimeUnit.SECONDS.toMillis(STEP_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the FUSE server of " + file, e);
        }
        if (mounted()) {
            fail(file + " is still mounted after the FUSE server stopped");
        }
    }

    /** The server's standard error, for failure messages. */
    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private void pump(Answerer answerer) {
        try {
            NsmFrames.serve(process, answerer, () -> {
                announced = true;
                ready.countDown();
            }, requests::add);
        } catch (IOException e) {
            if (!closing) {
                e.printStackTrace();
            }
        } finally {
            ready.countDown();
        }
    }

    private static synchronized void build() throws Exception {
        ProcessBuilder make = new ProcessBuilder("make", "-s", "-C", SOURCE.toString(), "OUT=" + BINARY)
                .redirectErrorStream(true);
        Files.createDirectories(BINARY.getParent());
        Process process;
        try {
            process = make.start();
        } catch (IOException e) {
            unavailable("'make' cannot be run (" + e.getMessage() + "); install make, gcc, pkg-config and "
                    + "libfuse3-dev");
            return;
        }
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(STEP_SECONDS * 4, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            unavailable("building the FUSE server took over " + STEP_SECONDS * 4 + " s");
        }
        if (process.exitValue() != 0) {
            unavailable("the FUSE server does not build (install gcc, make, pkg-config and libfuse3-dev): "
                    + output.strip());
        }
    }

    /** Skips the test, or fails it where FUSE is required. */
    private static void unavailable(String reason) {
        String message = "FUSE NSM tests cannot run: " + reason + ".";
        if (Boolean.getBoolean("nitro.requireFuse") || "1".equals(System.getenv("NITRO_REQUIRE_FUSE"))) {
            fail(message + " They are required here (nitro.requireFuse / NITRO_REQUIRE_FUSE).");
        }
        Assumptions.abort(message + " Set -Dnitro.requireFuse=true or NITRO_REQUIRE_FUSE=1 to make this a failure.");
    }
}
