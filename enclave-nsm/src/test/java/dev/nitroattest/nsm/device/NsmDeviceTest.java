package dev.nitroattest.nsm.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.linux.Errno;
import dev.nitroattest.nsm.NsmCodec;
import dev.nitroattest.nsm.NsmDeviceException;
import dev.nitroattest.nsm.NsmError;
import dev.nitroattest.nsm.NsmErrorException;
import dev.nitroattest.nsm.NsmRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NsmDeviceTest {
    @TempDir
    Path directory;

    @Test
    void theIoctlMessageIsFourLittleEndianU64() {
        byte[] message = new NsmIoctlMessage(0x1122334455667788L, 0x21, 0x0102030405060708L, 0x3000).encode();
        assertEquals("8877665544332211" + "2100000000000000" + "0807060504030201" + "0030000000000000",
                HexFormat.of().formatHex(message));
        assertEquals(0x3000, NsmIoctlMessage.responseLength(message));
    }

    @Test
    void theIoctlNumberIsIowr0x0a0Of32Bytes() {
        long iowr = (3L << 30) | (32L << 16) | (0x0aL << 8);
        assertEquals(iowr, NsmDevice.NSM_IOCTL_RAW);
        assertEquals(0xC0200A00L, NsmDevice.NSM_IOCTL_RAW);
    }

    @Test
    void openingAMissingPathFailsWithEnoent() {
        Path missing = directory.resolve("nsm");
        NsmDeviceException e = assertThrows(NsmDeviceException.class, () -> NsmDevice.open(missing));
        assertEquals(Errno.ENOENT, e.errno().number());
        assertEquals("ENOENT", e.errno().name());
        assertEquals("Cannot open the NSM device " + missing + ": No such file or directory (ENOENT).",
                e.getMessage());
    }

    @Test
    void theIoctlOnARegularFileFailsWithEnotty() throws Exception {
        Path file = Files.write(directory.resolve("not-a-device"), new byte[16]);
        try (NsmDevice device = NsmDevice.open(file)) {
            NsmDeviceException e = assertThrows(NsmDeviceException.class,
                    () -> device.exchange(NsmCodec.encodeRequest(new NsmRequest.DescribeNsm())));
            assertEquals(Errno.ENOTTY, e.errno().number());
            assertTrue(e.getMessage().contains("is not an NSM device"), e.getMessage());
        }
    }

    @Test
    void aRequestOver4KiBIsRefusedBeforeTheCall() throws Exception {
        Path file = Files.write(directory.resolve("not-a-device"), new byte[16]);
        try (NsmDevice device = NsmDevice.open(file)) {
            // A call would fail with ENOTTY on a regular file: InputTooLarge proves no call was made.
            NsmErrorException e = assertThrows(NsmErrorException.class, () -> device.exchange(new byte[4097]));
            assertEquals(NsmError.INPUT_TOO_LARGE, e.error());
            NsmDeviceException atTheLimit = assertThrows(NsmDeviceException.class,
                    () -> device.exchange(new byte[4096]));
            assertEquals(Errno.ENOTTY, atTheLimit.errno().number(), "4096 bytes are allowed through");
        }
    }

    @Test
    void aClosedDeviceRefusesExchanges() throws Exception {
        Path file = Files.write(directory.resolve("not-a-device"), new byte[16]);
        NsmDevice device = NsmDevice.open(file);
        device.close();
        device.close();
        NsmDeviceException e = assertThrows(NsmDeviceException.class, () -> device.exchange(new byte[] {0x60}));
        assertEquals(Errno.EBADF, e.errno().number());
        assertEquals("The NSM device " + file + " is closed.", e.getMessage());
    }

    @Test
    void emsgsizeFromTheDriverIsTheNsmsInputTooLarge() {
        NsmErrorException e = assertInstanceOf(NsmErrorException.class,
                NsmDevice.ioctlFailure(Path.of("/dev/nsm"), Errno.of(Errno.EMSGSIZE)));
        assertEquals(NsmError.INPUT_TOO_LARGE, e.error());
        assertEquals("The NSM driver refused the request as too large (EMSGSIZE).", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "110|ETIMEDOUT|The NSM request failed with Connection timed out (ETIMEDOUT): the NSM did not answer within "
                + "120 seconds.",
        "22|EINVAL|The NSM request failed with Invalid argument (EINVAL): /dev/nsm is not an NSM device.",
        "25|ENOTTY|The NSM request failed with Inappropriate ioctl for device (ENOTTY): /dev/nsm is not an NSM "
                + "device.",
        "5|EIO|The NSM request failed with Input/output error (EIO).",
        "61|ENODATA|The NSM request failed with No data available (ENODATA).",
        "14|EFAULT|The NSM request failed with Bad address (EFAULT).",
        "4095|errno 4095|The NSM request failed with Unknown error 4095 (errno 4095).",
    })
    void everyOtherErrnoIsADeviceFailureNamingIt(int number, String name, String message) {
        NsmDeviceException e = assertInstanceOf(NsmDeviceException.class,
                NsmDevice.ioctlFailure(Path.of("/dev/nsm"), Errno.of(number)));
        assertEquals(number, e.errno().number());
        assertEquals(name, e.errno().name());
        assertEquals(message, e.getMessage());
    }
}
