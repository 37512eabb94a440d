package dev.nitroattest.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nitroattest.eif.EifSection;
import dev.nitroattest.eif.EifSectionType;
import dev.nitroattest.eif.EnclaveImageFile;
import dev.nitroattest.image.BootstrapBlobs;
import dev.nitroattest.image.BuiltImage;
import dev.nitroattest.image.EnclaveImageBuilder;
import dev.nitroattest.image.Jlink;
import dev.nitroattest.testkit.StandInBlobs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The agent's enclave image as the guest test boots it (issue 22, item 4), built on the host with the image builder
 * as a user would: a runtime jlinked from the JDK running the test, the agent's jar, the agent's command and an
 * environment, and a base root of the shared libraries that runtime loads. The kernel, init and driver are the test
 * kit's stand-ins: the guest boots its own kernel, and only the customer ramdisk (PCR2), which does not depend on
 * them, is taken from the image, cut out of the EIF where the reader finds it, so that what boots is what the image
 * holds.
 */
final class GuestImage {
    /** The port the image's agent listens on, which the guest's probe connects to at CID 1. */
    static final int PORT = 5000;
    /** The environment the image gives its command; the guest checks that the JVM saw it. */
    static final String JAVA_TOOL_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m -Xss512k";
    static final List<String> COMMAND = List.of("/opt/java/bin/java", "-jar", "/opt/app/enclave-agent.jar",
            "--listen", "vsock:" + PORT, "--nsm", "/dev/nsm");
    private static final List<String> MODULES = List.of("java.base", "jdk.unsupported", "java.logging");
    /** A library path in ldd's output: after "=>", or alone first on its line (the loader). */
    private static final Pattern LIBRARY = Pattern.compile("(?:=>\\s*|^\\s*)(/\\S+)\\s+\\(0x");

    private GuestImage() {
    }

    /**
     * Builds the image in {@code folder}, checks the builder's PCRs against the reader's, and writes the customer
     * ramdisk and the image's PCRs (hex, one a line: 0, 1, 2) where build-guest.sh takes them.
     */
    static BuiltImage build(Path folder, Path agentJar, Path customerRamdisk, Path pcrsFile) throws Exception {
        folder = folder.toAbsolutePath();
        deleteTree(folder);
        Files.createDirectories(folder);
        Path runtime = folder.resolve("runtime");
        Jlink.link(Path.of(System.getProperty("java.home")), MODULES, runtime);
        Path root = libraries(runtime, folder.resolve("root"));
        BootstrapBlobs blobs = BootstrapBlobs.inDirectory(StandInBlobs.write(folder.resolve("stand-in-blobs")));
        BuiltImage image = EnclaveImageBuilder.of(blobs, COMMAND)
                .javaRuntime(runtime)
                .rootFiles(root)
                .jar(agentJar)
                .environment("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS)
                .named("enclave-agent-guest", "1")
                .build(folder.resolve("enclave-agent.eif"));
        EnclaveImageFile file = EnclaveImageFile.read(image.file());
        assertEquals(image.measurements(), file.measurements(), "The builder's PCRs are not the reader's.");
        List<EifSection> ramdisks = file.sections().stream().filter(s -> s.type() == EifSectionType.RAMDISK).toList();
        assertEquals(2, ramdisks.size(), "The image does not have a bootstrap and a customer ramdisk.");
        copyRange(image.file(), ramdisks.get(1).offset() + 12, ramdisks.get(1).size(), customerRamdisk);
        Files.write(pcrsFile, List.of(image.measurements().pcr0().toHex(), image.measurements().pcr1().toHex(),
                image.measurements().pcr2().toHex()), StandardCharsets.US_ASCII);
        return image;
    }

    /**
     * The image's base root: every shared library that the runtime's launcher and libraries load and that is not in
     * the runtime itself, at the path ldd finds it, as the file's content (links followed). Taken from this machine,
     * which is right for a test; a reproducible image takes them from a pinned source (docs/enclave-image.md).
     */
    private static Path libraries(Path runtime, Path root) throws Exception {
        List<String> binaries = new ArrayList<>();
        binaries.add(runtime.resolve("bin/java").toString());
        binaries.add(runtime.resolve("lib/server/libjvm.so").toString());
        try (Stream<Path> libs = Files.list(runtime.resolve("lib"))) {
            libs.filter(p -> p.getFileName().toString().endsWith(".so")).sorted()
                    .forEach(p -> binaries.add(p.toString()));
        }
        TreeSet<String> found = new TreeSet<>();
        for (String binary : binaries) {
            Process ldd = new ProcessBuilder("ldd", binary).redirectErrorStream(true).start();
            String output = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, ldd.waitFor(), "ldd " + binary + " failed: " + output);
            for (String line : output.lines().toList()) {
                Matcher library = LIBRARY.matcher(line);
                if (library.find() && !Path.of(library.group(1)).normalize().startsWith(runtime)) {
                    found.add(library.group(1));
                }
            }
        }
        for (String library : found) {
            Path target = root.resolve(library.substring(1));
            Files.createDirectories(target.getParent());
            Files.copy(Path.of(library), target);
        }
        return root;
    }

    private static void copyRange(Path file, long offset, long length, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(file); OutputStream out = Files.newOutputStream(target)) {
            in.skipNBytes(offset);
            byte[] buffer = new byte[1 << 16];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException(file + " ends inside its customer ramdisk");
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
