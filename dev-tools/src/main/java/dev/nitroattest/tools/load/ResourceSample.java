package dev.nitroattest.tools.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The process's open file descriptors (Linux: /proc/self/fd; -1 elsewhere), its heap in use after a full
 * collection, and its live threads.
 */
record ResourceSample(long openFiles, long heapAfterGcBytes, int threads) {
    private static final Path FDS = Path.of("/proc/self/fd");

    static ResourceSample take() {
        // Twice: the first collection may leave objects with finalizers or cleaners for the second.
        System.gc();
        System.gc();
        return new ResourceSample(countOpenFiles(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                Thread.activeCount());
    }

    static long countOpenFiles() {
        try (Stream<Path> entries = Files.list(FDS)) {
            return entries.count();
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }
}
