package dev.nitroattest.tools.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When the load test fails: failed requests, leaked file descriptors, or a heap that keeps what it should not. */
class LoadTestVerdictTest {
    private static final long MIB = 1024 * 1024;
    private static final ResourceSample BEFORE = new ResourceSample(50, 15 * MIB, 74);

    @Test
    void aCleanRunPasses() {
        assertEquals(List.of(), LoadTest.failures(0, 1000, BEFORE, new ResourceSample(50, 23 * MIB, 78)));
    }

    @Test
    void openFilesWithinTheToleranceAreNoFailureButOneMoreIs() {
        assertEquals(List.of(), LoadTest.failures(0, 1000, BEFORE,
                new ResourceSample(50 + LoadTest.OPEN_FILES_TOLERANCE, 15 * MIB, 74)));
        List<String> failures = LoadTest.failures(0, 1000, BEFORE,
                new ResourceSample(51 + LoadTest.OPEN_FILES_TOLERANCE, 15 * MIB, 74));
        assertEquals(1, failures.size(), failures.toString());
        assertTrue(failures.get(0).startsWith("open files grew from 50 to 53"), failures.get(0));
    }

    @Test
    void heapGrowthPastTheBoundIsAFailure() {
        assertEquals(List.of(), LoadTest.failures(0, 1000, BEFORE,
                new ResourceSample(50, 15 * MIB + LoadTest.MAX_HEAP_GROWTH_BYTES, 74)));
        List<String> failures = LoadTest.failures(0, 1000, BEFORE,
                new ResourceSample(50, 16 * MIB + LoadTest.MAX_HEAP_GROWTH_BYTES, 74));
        assertEquals(List.of("the heap after GC grew by 17.0 MiB, more than 16 MiB: memory is being kept per "
                + "request."), failures);
    }

    @Test
    void failedRequestsOrNoneSucceededAreFailures() {
        ResourceSample same = new ResourceSample(50, 15 * MIB, 74);
        assertEquals(List.of("3 requests failed; the proxy must answer every one with a verified document."),
                LoadTest.failures(3, 1000, BEFORE, same));
        assertEquals(List.of("no request succeeded in the measured phase."), LoadTest.failures(0, 0, BEFORE, same));
    }

    @Test
    void whereOpenFilesCannotBeCountedTheyAreNotJudged() {
        assertEquals(List.of(), LoadTest.failures(0, 1000, new ResourceSample(-1, 15 * MIB, 74),
                new ResourceSample(-1, 15 * MIB, 74)));
    }
}
