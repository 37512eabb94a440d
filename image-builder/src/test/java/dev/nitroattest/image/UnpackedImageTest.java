package dev.nitroattest.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.eif.EifSection;
import dev.nitroattest.eif.EnclaveImageFile;
import dev.nitroattest.testkit.StandInBlobs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What AWS's init does with the customer ramdisk, short of the chroot (which needs root): unpack it, read {@code /cmd}
 * and {@code /env}, and run the command against the unpacked {@code rootfs}. A runtime linked by {@link Jlink} that
 * went through the archive (modes, symbolic links, contents) must still run. Not a boot: docs/enclave-image.md says
 * what no test here has done.
 */
class UnpackedImageTest {
    private static final int SECTION_HEADER_LENGTH = 12;

    @TempDir
    Path folder;

    @Test
    void theRuntimeInTheCustomerRamdiskRunsTheCommandWithTheEnvironmentOfCmdAndEnv() throws Exception {
        Path runtime = folder.resolve("runtime");
        Jlink.link(Path.of(System.getProperty("java.home")), List.of("java.base"), runtime);
        Path output = folder.resolve("app.eif");
        EnclaveImageBuilder.of(BootstrapBlobs.inDirectory(StandInBlobs.write(folder.resolve("blobs"))),
                        List.of("/opt/java/bin/java", "-XshowSettings:properties", "-version"))
                .javaRuntime(runtime)
                .environment("JAVA_TOOL_OPTIONS", "-Dunpacked.check=from-env")
                .build(output);

        byte[] image = Files.readAllBytes(output);
        EifSection customer = EnclaveImageFile.read(output).sections().get(4);
        int start = (int) customer.offset() + SECTION_HEADER_LENGTH;
        Path root = folder.resolve("unpacked");
        List<String> cmd = List.of();
        List<String> env = List.of();
        byte[] ramdisk = Arrays.copyOfRange(image, start, start + (int) customer.size());
        for (NewcEntries.Entry entry : NewcEntries.read(ramdisk)) {
            switch (entry.name()) {
                case "cmd" -> cmd = entry.text().lines().toList();
                case "env" -> env = entry.text().lines().toList();
                case "TRAILER!!!" -> { }
                default -> unpack(root, entry);
            }
        }
        List<String> command = new ArrayList<>(cmd);
        command.set(0, root.resolve("rootfs").resolve(cmd.get(0).substring(1)).toString());
        ProcessBuilder process = new ProcessBuilder(command).redirectErrorStream(true);
        process.environment().clear();
        for (String variable : env) {
            process.environment().put(variable.substring(0, variable.indexOf('=')),
                    variable.substring(variable.indexOf('=') + 1));
        }
        Process java = process.start();
        String said = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, java.waitFor(), said);
        assertTrue(said.contains("unpacked.check = from-env"), said);
        assertTrue(said.contains("java.home = " + root.resolve("rootfs/opt/java")), said);
    }

    private static void unpack(Path root, NewcEntries.Entry entry) throws Exception {
        Path path = root.resolve(entry.name());
        int type = (int) entry.mode() & 0170000;
        if (type == 0040000) {
            Files.createDirectories(path);
        } else if (type == 0120000) {
            Files.createSymbolicLink(path, Path.of(entry.text()));
        } else {
            assertEquals(0100000, type, entry.name() + " is a regular file");
            Files.write(path, entry.content());
            Files.setPosixFilePermissions(path, permissions((int) entry.mode()));
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(order[bit]);
            }
        }
        return permissions;
    }
}
