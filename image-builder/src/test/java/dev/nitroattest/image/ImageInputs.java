package dev.nitroattest.image;

import dev.nitroattest.testkit.EifWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The inputs of a test image, written into a folder: stand-in blobs, a small runtime tree (with a symbolic link and
 * an executable, as jlink makes) and two jars. {@link #scrambled} writes the same content differently: files created
 * in another order, with other times and with the permissions another umask gives.
 */
record ImageInputs(Path blobs, Path runtime, Path appJar, Path libJar) {
    static final String CONFIG = "#\n# Automatically generated file; DO NOT EDIT.\n"
            + "# Linux/x86 4.14.256 Kernel Configuration\n"
            + "CONFIG_64BIT=y\n";
    static final String CMDLINE = "reboot=k panic=30 pci=off nomodules console=ttyS0 random.trust_cpu=on\n";

    static ImageInputs write(Path folder) throws IOException {
        return write(folder, false);
    }

    static ImageInputs scrambled(Path folder) throws IOException {
        return write(folder, true);
    }

    private static ImageInputs write(Path folder, boolean scrambled) throws IOException {
        Path blobs = Files.createDirectories(folder.resolve("blobs"));
        Path runtime = folder.resolve("runtime");
        Path jars = Files.createDirectories(folder.resolve("jars"));
        List<Runnable> steps = new ArrayList<>();
        List<IOException> failures = new ArrayList<>();
        step(steps, failures, () -> file(blobs.resolve("bzImage"), EifWriter.pattern("stand-in kernel", 70_001)));
        step(steps, failures, () -> file(blobs.resolve("bzImage.config"), CONFIG.getBytes(StandardCharsets.UTF_8)));
        step(steps, failures, () -> file(blobs.resolve("cmdline"), CMDLINE.getBytes(StandardCharsets.UTF_8)));
        step(steps, failures, () -> file(blobs.resolve("init"), EifWriter.pattern("stand-in init", 4_321)));
        step(steps, failures, () -> file(blobs.resolve("nsm.ko"), EifWriter.pattern("stand-in nsm.ko", 2_047)));
        step(steps, failures, () -> file(runtime.resolve("bin/java"), EifWriter.pattern("java launcher", 999)));
        step(steps, failures, () -> file(runtime.resolve("lib/modules"), EifWriter.pattern("jimage", 100_003)));
        step(steps, failures, () -> file(runtime.resolve("lib/server/libjvm.so"), EifWriter.pattern("jvm", 50_000)));
        step(steps, failures, () -> file(runtime.resolve("legal/java.base/LICENSE"), bytes("GPLv2 + CPE\n")));
        step(steps, failures, () -> file(runtime.resolve("release"), bytes("JAVA_VERSION=\"17\"\n")));
        step(steps, failures, () -> {
            Files.createDirectories(runtime.resolve("legal/java.logging"));
            Files.createSymbolicLink(runtime.resolve("legal/java.logging/LICENSE"),
                    Path.of("../java.base/LICENSE"));
        });
        step(steps, failures, () -> file(jars.resolve("app.jar"), EifWriter.pattern("PK app", 12_345)));
        step(steps, failures, () -> file(jars.resolve("lib.jar"), EifWriter.pattern("PK lib", 3_333)));
        if (scrambled) {
            Collections.shuffle(steps, new Random(7));
        }
        steps.forEach(Runnable::run);
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        Files.setPosixFilePermissions(runtime.resolve("bin/java"), PosixFilePermissions.fromString(
                scrambled ? "rwx------" : "rwxr-xr-x"));
        if (scrambled) {
            try (var files = Files.walk(folder)) {
                for (Path file : files.toList()) {
                    if (!Files.isSymbolicLink(file)) {
                        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L + file.hashCode()));
                        if (Files.isRegularFile(file) && !file.endsWith("java")) {
                            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                        }
                    }
                }
            }
        }
        return new ImageInputs(blobs, runtime, jars.resolve("app.jar"), jars.resolve("lib.jar"));
    }

    /** The standard test build of these inputs. */
    EnclaveImageBuilder builder() {
        return EnclaveImageBuilder.of(BootstrapBlobs.inDirectory(blobs),
                        List.of("/opt/java/bin/java", "-jar", "/opt/app/app.jar", "--listen", "vsock:5000"))
                .javaRuntime(runtime)
                .jar(appJar)
                .jar(libJar)
                .environment("JAVA_TOOL_OPTIONS", "-Xmx256m")
                .environment("APP_MODE", "enclave")
                .named("test-app", "1.0");
    }

    private interface Step {
        void run() throws IOException;
    }

    private static void step(List<Runnable> steps, List<IOException> failures, Step step) {
        steps.add(() -> {
            try {
                step.run();
            } catch (IOException e) {
                failures.add(e);
            }
        });
    }

    private static void file(Path path, byte[] content) throws IOException {
        Files.createDirectories(path.getParent());
        Files.write(path, content);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
