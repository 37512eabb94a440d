package dev.nitroattest.cli;

import static dev.nitroattest.cli.ExitStatus.REJECTED;
import static dev.nitroattest.cli.ExitStatus.SUCCESS;
import static dev.nitroattest.cli.ExitStatus.UNREADABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitStatusTest {

    @Test
    void theCodesAreTheContract() {
        assertEquals(List.of(0, 1, 2, 3, 4), Arrays.stream(ExitStatus.values()).map(ExitStatus::code).toList());
    }

    @Test
    void overSeveralFilesUnreadableOutweighsRejectedWhichOutweighsSuccess() {
        assertEquals(SUCCESS, SUCCESS.and(SUCCESS));
        assertEquals(REJECTED, SUCCESS.and(REJECTED));
        assertEquals(REJECTED, REJECTED.and(SUCCESS));
        assertEquals(UNREADABLE, REJECTED.and(UNREADABLE));
        assertEquals(UNREADABLE, UNREADABLE.and(REJECTED));
        assertEquals(UNREADABLE, UNREADABLE.and(SUCCESS));
    }
}
