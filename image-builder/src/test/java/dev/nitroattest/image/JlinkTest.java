package dev.nitroattest.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime is an input of the image: the same JDK must link the same bytes every time. */
class JlinkTest {
    private static final Path JDK = Path.of(System.getProperty("java.home"));

    @TempDir
    Path folder;

    @Test
    void theSameJdkLinksTheSameRuntimeBytesTwice() throws Exception {
        Path first = folder.resolve("first");
        Path second = folder.resolve("elsewhere/second");
        Files.createDirectories(second.getParent());
        Jlink.link(JDK, List.of("java.base"), first);
        Jlink.link(JDK, List.of("java.base"), second);
        List<Path> files = relativeFiles(first);
        assertEquals(files, relativeFiles(second));
        assertTrue(files.contains(Path.of("lib/modules")), "a runtime with its module image");
        for (Path file : files) {
            if (Files.isSymbolicLink(first.resolve(file))) {
                assertEquals(Files.readSymbolicLink(first.resolve(file)), Files.readSymbolicLink(second.resolve(file)));
            } else if (Files.isRegularFile(first.resolve(file))) {
                assertArrayEquals(Files.readAllBytes(first.resolve(file)), Files.readAllBytes(second.resolve(file)),
                        file.toString());
            }
        }
        assertTrue(Files.notExists(first.resolve("lib/server/classes.jsa")), "no CDS archive: it is not reproducible");
    }

    @Test
    void aDirectoryWithoutJlinkIsRefused() {
        ImageBuildException e = assertThrows(ImageBuildException.class,
                () -> Jlink.link(folder, List.of("java.base"), folder.resolve("out")));
        assertEquals(ImageBuildException.Reason.JLINK_FAILED, e.reason());
    }

    @Test
    void anUnknownModuleFailsWithJlinksReason() {
        ImageBuildException e = assertThrows(ImageBuildException.class,
                () -> Jlink.link(JDK, List.of("no.such.module"), folder.resolve("out")));
        assertEquals(ImageBuildException.Reason.JLINK_FAILED, e.reason());
        assertTrue(e.getMessage().contains("no.such.module"), e.getMessage());
    }

    private static List<Path> relativeFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(root::relativize).sorted().toList();
        }
    }
}
