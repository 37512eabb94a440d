package dev.nitroattest.nsm.emulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.ExpectedPcrs;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.eif.EnclaveImageFile;
import dev.nitroattest.linux.Errno;
import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.NsmCodec;
import dev.nitroattest.nsm.NsmDescription;
import dev.nitroattest.nsm.NsmDeviceException;
import dev.nitroattest.nsm.NsmEmulationException;
import dev.nitroattest.nsm.NsmError;
import dev.nitroattest.nsm.NsmErrorException;
import dev.nitroattest.nsm.NsmRequest;
import dev.nitroattest.testkit.MutableClock;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatedNsmTest {
    private static final byte[] PCR0 = filled(0x10);
    private static final byte[] PCR1 = filled(0x11);
    private static final byte[] PCR2 = filled(0x12);
    /** One PKI for the whole class: making one costs a few signatures. */
    private static final EmulatedAuthority AUTHORITY = EmulatedAuthority.testPki("emulated NSM test");

    @TempDir
    Path directory;

    private static EmulatedNsm.Builder emulator() throws NsmEmulationException {
        return EmulatedNsm.builder().authority(AUTHORITY).pcr(0, PCR0).pcr(1, PCR1).pcr(2, PCR2);
    }

    private static AttestationVerifier verifierPinning(String rootPem) {
        return AttestationVerifier.builder()
                .trustAnchors(TrustAnchor.fromPem(rootPem))
                .expectPcrs(ExpectedPcrs.builder().accept(0, PCR0).accept(1, PCR1).accept(2, PCR2).build()).anyAge()
                .build();
    }

    @Test
    void pcrs0To15AreLockedAndHoldTheGivenValuesTheOthersAreZeroAndOpen() throws Exception {
        try (NsmClient nsm = new NsmClient(emulator().build())) {
            assertEquals(Bytes.of(PCR1), nsm.describePcr(1).data());
            assertTrue(nsm.describePcr(1).locked());
            assertEquals(Bytes.of(new byte[48]), nsm.describePcr(15).data());
            assertTrue(nsm.describePcr(15).locked());
            assertEquals(Bytes.of(new byte[48]), nsm.describePcr(16).data());
            assertFalse(nsm.describePcr(16).locked());
            assertFalse(nsm.describePcr(31).locked());
        }
    }

    @Test
    void aClosedEmulatorFailsLikeAClosedDeviceWithinTheNsmExceptionFamily() throws Exception {
        EmulatedNsm emulator = emulator().build();
        NsmClient nsm = new NsmClient(emulator);
        nsm.close();
        NsmDeviceException e = assertThrows(NsmDeviceException.class, nsm::describeNsm);
        assertEquals(Errno.EBADF, e.errno().number());
        assertEquals("The emulated NSM is closed.", e.getMessage());
        assertThrows(NsmDeviceException.class, () -> emulator.exchange(new byte[0]));
    }

    @Test
    void extendingSetsSha384OfTheOldValueAndTheData() throws Exception {
        try (NsmClient nsm = new NsmClient(emulator().build())) {
            byte[] first = sha384(new byte[48], new byte[] {1, 2, 3});
            assertEquals(Bytes.of(first), nsm.extendPcr(16, new byte[] {1, 2, 3}));
            byte[] second = sha384(first, new byte[0]);
            assertEquals(Bytes.of(second), nsm.extendPcr(16, new byte[0]));
            assertEquals(Bytes.of(second), nsm.describePcr(16).data());
        }
    }

    @Test
    void lockedPcrsRefuseExtensionAndLockingWithReadOnlyIndex() throws Exception {
        try (NsmClient nsm = new NsmClient(emulator().build())) {
            assertEquals(NsmError.READ_ONLY_INDEX, error(() -> nsm.extendPcr(15, new byte[] {1})));
            assertEquals(NsmError.READ_ONLY_INDEX, error(() -> nsm.lockPcr(0)));
            nsm.lockPcr(20);
            assertTrue(nsm.describePcr(20).locked());
            assertEquals(NsmError.READ_ONLY_INDEX, error(() -> nsm.extendPcr(20, new byte[] {1})));
            assertEquals(NsmError.READ_ONLY_INDEX, error(() -> nsm.lockPcr(20)));
            assertEquals(Bytes.of(PCR0), nsm.describePcr(0).data(), "a refused extension changes nothing");
        }
    }

    @Test
    void lockPcrsLocksTheRangeFromZero() throws Exception {
        try (NsmClient nsm = new NsmClient(emulator().build())) {
            nsm.lockPcrs(18);
            assertTrue(nsm.describePcr(17).locked());
            assertFalse(nsm.describePcr(18).locked());
            nsm.lockPcrs(32);
            assertEquals(IntStream.range(0, 32).boxed().toList(), List.copyOf(nsm.describeNsm().lockedPcrs()));
            assertEquals(NsmError.INVALID_INDEX, error(() -> nsm.lockPcrs(33)));
        }
    }

    @Test
    void anIndexOf32OrMoreIsInvalidIndex() throws Exception {
        try (NsmClient nsm = new NsmClient(emulator().build())) {
            assertEquals(NsmError.INVALID_INDEX, error(() -> nsm.describePcr(32)));
            assertEquals(NsmError.INVALID_INDEX, error(() -> nsm.extendPcr(32, new byte[] {1})));
            assertEquals(NsmError.INVALID_INDEX, error(() -> nsm.lockPcr(65535)));
        }
    }

    @Test
    void describeNsmSaysWhatItIs() throws Exception {
        try (NsmClient nsm = new NsmClient(emulator().build())) {
            NsmDescription description = nsm.describeNsm();
            assertEquals(32, description.maxPcrs());
            assertEquals("SHA384", description.digest());
            assertEquals(IntStream.range(0, 16).boxed().toList(), List.copyOf(description.lockedPcrs()));
            assertTrue(description.moduleId().contains("emulated"), description.moduleId());
        }
    }

    @Test
    void getRandomGives256Bytes() throws Exception {
        try (NsmClient nsm = new NsmClient(emulator().random(new Random(1)).build())) {
            Bytes first = nsm.getRandom();
            assertEquals(256, first.length());
            assertNotEquals(first, nsm.getRandom());
        }
    }

    @Test
    void documentsVerifyAtThePresentTimeAgainstTheExportedRootWithTheNonceAndPinnedPcrs() throws Exception {
        EmulatedNsm emulator = emulator().build();
        try (NsmClient nsm = new NsmClient(emulator)) {
            byte[] nonce = filled(0x4e);
            byte[] document = nsm.attestation(NsmRequest.Attestation.of(new byte[] {1}, nonce, null)).toByteArray();
            VerifiedAttestation verified = verifierPinning(emulator.rootCertificatePem())
                    .verify(document, Expectations.nonce(nonce).withUserData(new byte[] {1}));
            assertEquals(emulator.moduleId(), verified.moduleId());
            assertEquals(16, verified.pcrs().size(), "PCRs 0 to 15, like a real document");
            assertTrue(verified.publicKey().isEmpty());
        }
    }

    @Test
    void documentsAreShapedLikeThe2026Nsms() throws Exception {
        try (NsmClient nsm = new NsmClient(emulator().build())) {
            byte[] document = nsm.attestation(NsmRequest.Attestation.of(null, null, null)).toByteArray();
            assertEquals((byte) 0x84, document[0], "untagged COSE_Sign1");
            AttestationDocument parsed = AttestationDocument.parse(document);
            byte[] payload = parsed.payload().toByteArray();
            assertEquals((byte) 0xbf, payload[0], "indefinite-length payload map");
            assertEquals((byte) 0xff, payload[payload.length - 1]);
            String tail = java.util.HexFormat.of().formatHex(payload, payload.length - 40, payload.length);
            assertTrue(tail.endsWith("6a7075626c69635f6b6579f6" + "69757365725f64617461f6" + "656e6f6e6365f6" + "ff"),
                    "public_key, user_data and nonce present as null: " + tail);
            assertEquals(96, parsed.signature().length());
        }
    }

    @Test
    void anExtendedHigherPcrAppearsInDocuments() throws Exception {
        EmulatedNsm emulator = emulator().build();
        try (NsmClient nsm = new NsmClient(emulator)) {
            Bytes pcr16 = nsm.extendPcr(16, new byte[] {9});
            nsm.lockPcr(17);
            byte[] document = nsm.attestation(NsmRequest.Attestation.of(null, null, null)).toByteArray();
            VerifiedAttestation verified = verifierPinning(emulator.rootCertificatePem()).verify(document, Expectations.withoutNonce());
            assertEquals(17, verified.pcrs().size(), "PCR16 extended, PCR17 only locked");
            assertEquals(pcr16, verified.pcrs().get(16).orElseThrow());
        }
    }

    @Test
    void theChainIsRenewedBeforeTheLeafExpiresUnderTheSameRoot() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        EmulatedNsm emulator = emulator().clock(clock).build();
        AttestationVerifier verifier = verifierPinning(emulator.rootCertificatePem());
        try (NsmClient nsm = new NsmClient(emulator)) {
            AttestationDocument first = verifier.parse(attest(nsm));
            verifier.verifyAt(clock.instant(), first, Expectations.withoutNonce());
            for (Duration step : List.of(Duration.ofMinutes(170), Duration.ofHours(3), Duration.ofDays(30))) {
                clock.advance(step);
                AttestationDocument later = verifier.parse(attest(nsm));
                verifier.verifyAt(clock.instant(), later, Expectations.withoutNonce());
                assertNotEquals(first.certificate(), later.certificate(), "a new leaf after " + step);
                assertEquals(first.cabundle().get(0), later.cabundle().get(0), "the same root");
            }
        }
    }

    @Test
    void pcrsMeasuredFromAnEnclaveImage() throws Exception {
        Path eif = TestEif.write(directory.resolve("test.eif"));
        EmulatedNsm emulator = EmulatedNsm.builder().authority(AUTHORITY)
                .measurements(EnclaveImageFile.read(eif).measurements()).build();
        try (NsmClient nsm = new NsmClient(emulator)) {
            byte[] expectedPcr0 = TestEif.measurement(TestEif.KERNEL, TestEif.CMDLINE, TestEif.RAMDISK);
            assertEquals(Bytes.of(expectedPcr0), nsm.describePcr(0).data());
            assertEquals(Bytes.of(expectedPcr0), nsm.describePcr(1).data(), "one ramdisk: PCR1 equals PCR0");
            assertEquals(Bytes.fromHex("21b9efbc184807662e966d34f390821309eeac6802309798826296bf3e8bec7c10edb30948c9"
                    + "0ba67310f7b964fc500a"), nsm.describePcr(2).data());
        }
    }

    @Test
    void aPcrSetTwiceOrOutOfRangeOrOfTheWrongLengthIsRefused() throws Exception {
        Path eif = TestEif.write(directory.resolve("test.eif"));
        NsmEmulationException twice = assertThrows(NsmEmulationException.class, () -> EmulatedNsm.builder()
                .pcr(1, PCR1).measurements(EnclaveImageFile.read(eif).measurements()));
        assertEquals("PCR1 is set by both --emulated-pcr 1 and the enclave image; set it once.", twice.getMessage());
        assertThrows(NsmEmulationException.class, () -> EmulatedNsm.builder().pcr(16, PCR1));
        assertThrows(NsmEmulationException.class, () -> EmulatedNsm.builder().pcr(3, new byte[32]));
    }

    @Test
    void theSameRequestBytesGetTheNsmsErrorBytes() throws Exception {
        EmulatedNsm emulator = emulator().build();
        byte[] locked = NsmCodec.encodeRequest(new NsmRequest.ExtendPcr(0, Bytes.of(new byte[] {1})));
        assertEquals("a1654572726f726d526561644f6e6c79496e646578",
                java.util.HexFormat.of().formatHex(emulator.exchange(locked)), "{\"Error\": \"ReadOnlyIndex\"}");
        assertEquals("a1654572726f7270496e76616c69644f7065726174696f6e",
                java.util.HexFormat.of().formatHex(emulator.exchange(new byte[] {(byte) 0xff})),
                "{\"Error\": \"InvalidOperation\"}");
        NsmErrorException tooLarge = assertThrows(NsmErrorException.class, () -> emulator.exchange(new byte[4097]));
        assertEquals(NsmError.INPUT_TOO_LARGE, tooLarge.error());
    }

    @Test
    void attestationFieldsOf1024BytesAreSignedAndLargerOnesRefused() throws Exception {
        EmulatedNsm emulator = emulator().build();
        try (NsmClient nsm = new NsmClient(emulator)) {
            byte[] max = filled(0x31, 1024);
            byte[] document = nsm.attestation(NsmRequest.Attestation.of(max, max, max)).toByteArray();
            verifierPinning(emulator.rootCertificatePem()).verify(document,
                    Expectations.nonce(max).withUserData(max).withPublicKey(max));
            byte[] oversize = new NsmCodecRequests().attestationWithNonce(1025);
            assertEquals("a1654572726f726d496e707574546f6f4c61726765",
                    java.util.HexFormat.of().formatHex(emulator.exchange(oversize)), "{\"Error\": \"InputTooLarge\"}");
        }
    }

    private static byte[] attest(NsmClient nsm) throws Exception {
        return nsm.attestation(NsmRequest.Attestation.of(null, null, null)).toByteArray();
    }

    private interface NsmCall {
        void run() throws Exception;
    }

    private static NsmError error(NsmCall call) {
        return assertThrows(NsmErrorException.class, call::run).error();
    }

    private static byte[] sha384(byte[] first, byte[] second) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-384");
        digest.update(first);
        digest.update(second);
        return digest.digest();
    }

    private static byte[] filled(int value) {
        return filled(value, 48);
    }

    private static byte[] filled(int value, int length) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    /** Requests the codec refuses to write, built by hand. */
    private static final class NsmCodecRequests {
        byte[] attestationWithNonce(int length) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.writeBytes(java.util.HexFormat.of().parseHex("a16b4174746573746174696f6ea1656e6f6e6365"));
            out.write(0x59);
            out.write(length >>> 8);
            out.write(length);
            out.writeBytes(new byte[length]);
            return out.toByteArray();
        }
    }
}
