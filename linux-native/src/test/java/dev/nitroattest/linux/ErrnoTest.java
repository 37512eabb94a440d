package dev.nitroattest.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrnoTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "4|EINTR|Interrupted system call (EINTR)",
        "11|EAGAIN|Resource temporarily unavailable (EAGAIN)",
        "97|EAFNOSUPPORT|Address family not supported by protocol (EAFNOSUPPORT)",
        "104|ECONNRESET|Connection reset by peer (ECONNRESET)",
        "110|ETIMEDOUT|Connection timed out (ETIMEDOUT)",
        "111|ECONNREFUSED|Connection refused (ECONNREFUSED)",
        "115|EINPROGRESS|Operation now in progress (EINPROGRESS)",
        "4095|errno 4095|Unknown error 4095 (errno 4095)",
    })
    void numbersGetTheirNameAndTheCLibrarysDescription(int number, String name, String text) {
        Errno errno = Errno.of(number);
        assertEquals(number, errno.number());
        assertEquals(name, errno.name());
        assertEquals(text, errno.toString());
    }
}
