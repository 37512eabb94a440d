package dev.nitroattest.nsm.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.ExpectedPcrs;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.linux.Errno;
import dev.nitroattest.linux.LibC;
import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.NsmDescription;
import dev.nitroattest.nsm.NsmDeviceException;
import dev.nitroattest.nsm.NsmError;
import dev.nitroattest.nsm.NsmErrorException;
import dev.nitroattest.nsm.NsmRequest;
import dev.nitroattest.nsm.NsmTransport;
import dev.nitroattest.nsm.emulated.EmulatedAuthority;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.testing.FuseNsmFile;
import dev.nitroattest.testing.NsmFrames.Answer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real device code, {@link NsmDevice} and its JNA ioctl, against a FUSE file that answers 0xC0200A00 through
 * the kernel with the emulated NSM: request and response cross the same struct, pointers and lengths as with
 * {@code /dev/nsm}. Skips where FUSE cannot be mounted (see {@link FuseNsmFile}).
 */
@Timeout(120)
class NsmDeviceThroughFuseTest {
    private static final EmulatedAuthority AUTHORITY = EmulatedAuthority.testPki("FUSE NSM test");
    private static final byte[] PCR0 = filled(0xa0);
    private static final byte[] PCR1 = filled(0xa1);
    private static final byte[] PCR2 = filled(0xa2);
    /** ExtendPCR can only act on PCR 16 or above: 0 to 15 are locked at boot. */
    private static final int OPEN_PCR = 16;

    @TempDir
    Path directory;

    private static byte[] filled(int value) {
        byte[] bytes = new byte[48];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static EmulatedNsm emulator() throws Exception {
        return EmulatedNsm.builder().authority(AUTHORITY).pcr(0, PCR0).pcr(1, PCR1).pcr(2, PCR2).build();
    }

    private FuseNsmFile mountEmulator(EmulatedNsm emulator, int timeoutMillis) throws Exception {
        return FuseNsmFile.mount(directory, timeoutMillis, request -> new Answer.Response(emulator.exchange(request)));
    }

    @Test
    void everyOperationCrossesTheKernelAndTheDocumentVerifiesWithItsNonce() throws Exception {
        try (EmulatedNsm emulator = emulator(); FuseNsmFile fuse = mountEmulator(emulator, 30_000);
                NsmClient nsm = new NsmClient(NsmDevice.open(fuse.path()))) {
            NsmDescription description = nsm.describeNsm();
            assertEquals(emulator.moduleId(), description.moduleId());
            assertEquals(32, description.maxPcrs());
            // The exact bytes NsmCodec encoded reached the server through the caller's request iovec.
            assertEquals("6b44657363726962654e534d", HexFormat.of().formatHex(fuse.requests().get(0)));

            assertEquals(Bytes.of(PCR1), nsm.describePcr(1).data());
            assertTrue(nsm.describePcr(1).locked());
            byte[] extended = nsm.extendPcr(OPEN_PCR, new byte[] {1, 2, 3}).toByteArray();
            assertEquals(Bytes.of(extended), nsm.describePcr(OPEN_PCR).data());
            assertFalse(Bytes.of(extended).isAllZero());

            byte[] nonce = "fuse nonce".getBytes(StandardCharsets.US_ASCII);
            byte[] userData = new byte[1024];
            Arrays.fill(userData, (byte) 7);
            byte[] publicKey = "a public key".getBytes(StandardCharsets.US_ASCII);
            byte[] document = nsm.attestation(NsmRequest.Attestation.of(userData, nonce, publicKey)).toByteArray();
            VerifiedAttestation verified = AttestationVerifier.builder()
                    .trustAnchors(TrustAnchor.fromPem(emulator.rootCertificatePem()))
                    .expectPcrs(ExpectedPcrs.builder().accept(0, PCR0).accept(1, PCR1).accept(2, PCR2).build())
                    .maxAge(Duration.ofMinutes(5))
                    .build()
                    .verify(document, Expectations.nonce(nonce).withUserData(userData).withPublicKey(publicKey));
            assertEquals(emulator.moduleId(), verified.moduleId());
        }
    }

    @Test
    void anAnswerOverTheResponseBufferIsTruncatedByTheDriverAndRefusedByTheDevice() throws Exception {
        byte[] huge = new byte[NsmTransport.RESPONSE_CAPACITY + 1024];
        try (FuseNsmFile fuse = FuseNsmFile.mount(directory, 30_000, request -> new Answer.Response(huge));
                NsmDevice device = NsmDevice.open(fuse.path())) {
            NsmDeviceException e = assertThrows(NsmDeviceException.class, () -> device.exchange(new byte[] {0x60}));
            assertEquals(Errno.EIO, e.errno().number());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void anAnswerThatJustFitsIsReturnedWhole() throws Exception {
        byte[] answer = new byte[NsmTransport.RESPONSE_CAPACITY - 1];
        Arrays.fill(answer, (byte) 0x5a);
        try (FuseNsmFile fuse = FuseNsmFile.mount(directory, 30_000, request -> new Answer.Response(answer));
                NsmDevice device = NsmDevice.open(fuse.path())) {
            assertArrayEquals(answer, device.exchange(new byte[] {0x60}));
        }
    }

    @Test
    void aRequestOver4KiBIsEmsgsizeAtTheDeviceAndNeverLeavesNsmDevice() throws Exception {
        try (EmulatedNsm emulator = emulator(); FuseNsmFile fuse = mountEmulator(emulator, 30_000)) {
            int fd = LibC.INSTANCE.open(LibC.path(fuse.path().toString()), LibC.O_RDWR | LibC.O_CLOEXEC);
            assertTrue(fd >= 0, "open failed");
            try (Memory request = new Memory(NsmTransport.MAX_REQUEST_SIZE + 1);
                    Memory response = new Memory(NsmTransport.RESPONSE_CAPACITY);
                    Memory message = new Memory(NsmIoctlMessage.SIZE)) {
                request.clear();
                message.write(0, new NsmIoctlMessage(Pointer.nativeValue(request), NsmTransport.MAX_REQUEST_SIZE + 1,
                        Pointer.nativeValue(response), NsmTransport.RESPONSE_CAPACITY).encode(), 0,
                        NsmIoctlMessage.SIZE);
                assertEquals(-1, LibC.INSTANCE.ioctl(fd, new NativeLong(NsmDevice.NSM_IOCTL_RAW), message));
                Errno errno = Errno.of(LibC.lastErrno());
                assertEquals(Errno.EMSGSIZE, errno.number());
                NsmErrorException mapped = (NsmErrorException) NsmDevice.ioctlFailure(fuse.path(), errno);
                assertEquals(NsmError.INPUT_TOO_LARGE, mapped.error());
            } finally {
                LibC.INSTANCE.close(fd);
            }
            try (NsmDevice device = NsmDevice.open(fuse.path())) {
                NsmErrorException e = assertThrows(NsmErrorException.class,
                        () -> device.exchange(new byte[NsmTransport.MAX_REQUEST_SIZE + 1]));
                assertEquals(NsmError.INPUT_TOO_LARGE, e.error());
                device.exchange(new byte[NsmTransport.MAX_REQUEST_SIZE]);
            }
            assertEquals(1, fuse.requests().size(), "only the 4,096-byte request reached the device");
            assertEquals(NsmTransport.MAX_REQUEST_SIZE, fuse.requests().get(0).length);
        }
    }

    @Test
    void anNsmThatDoesNotAnswerEndsInEtimedoutAndTheDeviceServesTheNextRequest() throws Exception {
        try (EmulatedNsm emulator = emulator();
                FuseNsmFile fuse = FuseNsmFile.mount(directory, 500, request -> request.length == 1
                        ? new Answer.Silence() : new Answer.Response(emulator.exchange(request)));
                NsmDevice device = NsmDevice.open(fuse.path())) {
            NsmDeviceException e = assertThrows(NsmDeviceException.class, () -> device.exchange(new byte[] {0x60}));
            assertEquals(Errno.ETIMEDOUT, e.errno().number());
            assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
            assertEquals(emulator.moduleId(), new NsmClient(device).describeNsm().moduleId());
        }
    }

    @Test
    void anErrnoFromTheDeviceIsADeviceExceptionWithIt() throws Exception {
        try (FuseNsmFile fuse = FuseNsmFile.mount(directory, 30_000, request -> new Answer.Failure(Errno.EIO));
                NsmDevice device = NsmDevice.open(fuse.path())) {
            NsmDeviceException e = assertThrows(NsmDeviceException.class, () -> device.exchange(new byte[] {0x60}));
            assertEquals(Errno.EIO, e.errno().number());
        }
    }

    @Test
    void aServerThatIsGoneFailsTheIoctlInsteadOfHangingAndLeavesNoMount() throws Exception {
        try (EmulatedNsm emulator = emulator()) {
            FuseNsmFile fuse = mountEmulator(emulator, 30_000);
            try (NsmDevice device = NsmDevice.open(fuse.path())) {
                fuse.close();
                assertFalse(fuse.mounted());
                NsmDeviceException e = assertThrows(NsmDeviceException.class,
                        () -> device.exchange(new byte[] {0x60}));
                assertEquals(Errno.ENOTCONN, e.errno().number());
            }
        }
    }
}
