package dev.nitroattest.eif;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.testkit.DocumentBuilder;
import dev.nitroattest.testkit.EifWriter;
import dev.nitroattest.testkit.IssuedCertificate;
import dev.nitroattest.testkit.TestPki;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnclaveImageFileTest {
    /** docs/nitro-facts.md section 4: the PCR2 of every single-ramdisk image, the measurement of nothing. */
    private static final String SINGLE_RAMDISK_PCR2 =
            "21b9efbc184807662e966d34f390821309eeac6802309798826296bf3e8bec7c10edb30948c90ba67310f7b964fc500a";

    private static EnclaveImageFile read(byte[] image) throws EifFormatException, IOException {
        return EnclaveImageFile.read(new ByteArrayInputStream(image));
    }

    private static EifFormatException rejected(byte[] image) {
        EifFormatException e = assertThrows(EifFormatException.class, () -> read(image));
        assertTrue(e.getMessage().endsWith(".") && !e.getMessage().contains("\n"),
                "one sentence: " + e.getMessage());
        return e;
    }

    /**
     * The image with its CRC field rewritten for its bytes as they now are: the CRC-32 of header bytes 0 to 543 and
     * of everything after the header. Damage sealed this way is no longer corruption, so the check behind the CRC
     * gets to judge it.
     */
    private static byte[] sealed(byte[] image) {
        CRC32 crc = new CRC32();
        crc.update(image, 0, EifWriter.CRC_OFFSET);
        crc.update(image, EifWriter.HEADER_LENGTH, image.length - EifWriter.HEADER_LENGTH);
        byte[] copy = image.clone();
        ByteBuffer.wrap(copy).putInt(EifWriter.CRC_OFFSET, (int) crc.getValue());
        return copy;
    }

    private static SortedMap<Integer, Bytes> expected(EifWriter writer) {
        SortedMap<Integer, Bytes> pcrs = new TreeMap<>();
        writer.expectedPcrs().forEach((index, value) -> pcrs.put(index, Bytes.of(value)));
        return pcrs;
    }

    @Test
    void singleRamdiskImageHasPcr0EqualToPcr1AndTheMeasurementOfNothingAsPcr2() throws Exception {
        EifWriter writer = EifWriter.minimal();
        EnclaveMeasurements measurements = read(writer.build()).measurements();
        assertAll(
                () -> assertEquals(SINGLE_RAMDISK_PCR2, measurements.pcr2().toHex()),
                () -> assertEquals(measurements.pcr0(), measurements.pcr1()),
                () -> assertEquals(expected(writer), measurements.asMap()),
                () -> assertTrue(measurements.pcr8().isEmpty()));
    }

    /**
     * A known answer computed apart from this reader and from {@link EifWriter#expectedPcrs()}, with the shell, as
     * docs/nitro-facts.md section 4 defines a measurement (SHA384 of 48 zero bytes and the SHA384 of the data):
     * <pre>
     * pcr() { { head -c 48 /dev/zero; printf '%s' "$1" | openssl dgst -sha384 -binary; } | openssl dgst -sha384 -r; }
     * pcr 'kernelconsole=ttyS0ramdisk-1ramdisk-2'   # PCR0
     * pcr 'kernelconsole=ttyS0ramdisk-1'            # PCR1
     * pcr 'ramdisk-2'                               # PCR2
     * </pre>
     */
    @Test
    void aTinyImageHasTheMeasurementsComputedWithShellTools() throws Exception {
        EifWriter writer = EifWriter.empty().kernel("kernel".getBytes(StandardCharsets.US_ASCII))
                .cmdline("console=ttyS0")
                .ramdisk("ramdisk-1".getBytes(StandardCharsets.US_ASCII))
                .ramdisk("ramdisk-2".getBytes(StandardCharsets.US_ASCII));
        SortedMap<Integer, Bytes> knownAnswer = new TreeMap<>(Map.of(
                0, Bytes.fromHex("f043225bff57b61099ebaa7e920b486454cdd74f49cdf3c5b9dcb9f938b5f434"
                        + "d4b1649c0c100e69e578e724bcabc163"),
                1, Bytes.fromHex("170cfefa802f9ea0e57fcb6f0fdcf90ab989b5f93f46c5fa133e29deb9d82954"
                        + "ee18db7ffc0035bcc84c73bf342325cb"),
                2, Bytes.fromHex("a05551978c32c7b7705a8195e182add98906516f3e0106753cd11765685366bb"
                        + "9c94f05a5ef203b75283b12bf8294fe4")));
        assertAll(
                () -> assertEquals(knownAnswer, read(writer.build()).measurements().asMap(), "the reader"),
                () -> assertEquals(knownAnswer, expected(writer), "the test kit's writer"));
    }

    @Test
    void multipleRamdisksPutTheFirstInPcr1AndTheRestInPcr2() throws Exception {
        byte[] second = EifWriter.pattern("application layer", 5000);
        byte[] third = EifWriter.pattern("another layer", 3000);
        EifWriter writer = EifWriter.minimal().ramdisk(second).ramdisk(third);
        EnclaveMeasurements measurements = read(writer.build()).measurements();
        EnclaveMeasurements firstOnly = read(EifWriter.minimal().build()).measurements();
        assertAll(
                () -> assertEquals(expected(writer), measurements.asMap()),
                () -> assertEquals(firstOnly.pcr1(), measurements.pcr1(), "PCR1 stops after the first ramdisk"),
                () -> assertNotEquals(measurements.pcr0(), measurements.pcr1()),
                () -> assertNotEquals(SINGLE_RAMDISK_PCR2, measurements.pcr2().toHex()),
                () -> assertEquals(Bytes.of(EifWriter.measure(List.of(second, third))), measurements.pcr2()));
    }

    @Test
    void ramdiskBoundariesDoNotMatterOnlyTheirConcatenation() throws Exception {
        byte[] application = EifWriter.pattern("app", 1000);
        EnclaveMeasurements whole = read(EifWriter.minimal().ramdisk(application).build()).measurements();
        EnclaveMeasurements split = read(EifWriter.minimal()
                .ramdisk(Arrays.copyOf(application, 400))
                .ramdisk(Arrays.copyOfRange(application, 400, 1000))
                .build()).measurements();
        assertEquals(whole.asMap(), split.asMap());
    }

    @Test
    void sectionsLargerThanTheReadBufferAreMeasuredWhole() throws Exception {
        EifWriter writer = EifWriter.minimal().ramdisk(EifWriter.pattern("large layer", 200_000));
        assertEquals(expected(writer), read(writer.build()).measurements().asMap());
    }

    @Test
    void metadataIsNeverMeasured() throws Exception {
        EifWriter plain = EifWriter.empty().kernel(EifWriter.pattern("k", 64)).cmdline("console=ttyS0")
                .ramdisk(EifWriter.pattern("r", 64));
        EifWriter withMetadata = EifWriter.empty().kernel(EifWriter.pattern("k", 64)).cmdline("console=ttyS0")
                .metadata("{\"BuildTime\":\"2026-03-02T10:00:00Z\"}").ramdisk(EifWriter.pattern("r", 64));
        assertEquals(read(plain.build()).measurements(), read(withMetadata.build()).measurements());
    }

    @Test
    void signedImageHasPcr8OverTheSigningCertificatesDerAndTheSamePcr0To2() throws Exception {
        IssuedCertificate signer = TestPki.standard().leaf();
        EnclaveImageFile unsigned = read(EifWriter.minimal().build());
        EifWriter writer = EifWriter.minimal().signedBy(signer);
        EnclaveImageFile signed = read(writer.build());
        assertAll(
                () -> assertTrue(signed.isSigned()),
                () -> assertFalse(unsigned.isSigned()),
                () -> assertEquals(Bytes.of(signer.der()), signed.signingCertificate().orElseThrow()),
                () -> assertEquals(expected(writer), signed.measurements().asMap()),
                () -> assertEquals(Bytes.of(EifWriter.measure(List.of(signer.der()))),
                        signed.measurements().pcr8().orElseThrow()),
                () -> assertEquals(unsigned.measurements().pcr0(), signed.measurements().pcr0()),
                () -> assertEquals(List.of(0, 1, 2, 8), List.copyOf(signed.measurements().asMap().keySet())));
    }

    @Test
    void signatureSectionWithByteStringsReadsAsWell() throws Exception {
        IssuedCertificate signer = TestPki.standard().root();
        EifWriter writer = EifWriter.minimal().signedBy(signer).byteStrings(true);
        assertEquals(expected(writer), read(writer.build()).measurements().asMap());
    }

    @Test
    void headerFieldsAndSectionTableAreReported() throws Exception {
        byte[] image = EifWriter.minimal().aarch64(true).defaults(2048, 4).build();
        EnclaveImageFile eif = read(image);
        List<EifSection> sections = eif.sections();
        assertAll(
                () -> assertEquals(4, eif.version()),
                () -> assertTrue(eif.isAarch64()),
                () -> assertEquals(2048, eif.defaultMemory()),
                () -> assertEquals(4, eif.defaultCpus()),
                () -> assertEquals(List.of(EifSectionType.KERNEL, EifSectionType.CMDLINE, EifSectionType.METADATA,
                        EifSectionType.RAMDISK), sections.stream().map(EifSection::type).toList()),
                () -> assertEquals(EifWriter.HEADER_LENGTH, sections.get(0).offset()),
                () -> assertEquals(4096, sections.get(0).size()),
                () -> assertEquals(sections.get(0).offset() + EifWriter.SECTION_HEADER_LENGTH + 4096,
                        sections.get(1).offset()),
                () -> assertEquals(image.length, sections.get(3).offset() + EifWriter.SECTION_HEADER_LENGTH
                        + sections.get(3).size()));
        assertFalse(read(EifWriter.minimal().build()).isAarch64());
    }

    @Test
    void readsFromAFile(@TempDir Path directory) throws Exception {
        EifWriter writer = EifWriter.minimal().ramdisk(EifWriter.pattern("app", 70_000));
        Path file = writer.writeTo(directory.resolve("app.eif"));
        assertEquals(expected(writer), EnclaveImageFile.read(file).measurements().asMap());
    }

    @Test
    void aMissingFileIsAnIoErrorNotAFormatError(@TempDir Path directory) {
        assertThrows(NoSuchFileException.class, () -> EnclaveImageFile.read(directory.resolve("absent.eif")));
    }

    @Test
    void aCorruptedSectionByteFailsTheCrc() {
        byte[] image = EifWriter.minimal().build();
        image[image.length - 10] ^= 0x01;
        assertTrue(rejected(image).getMessage().contains("CRC-32"));
    }

    @Test
    void aCorruptedUnmeasuredMetadataByteFailsTheCrcToo() throws Exception {
        byte[] image = EifWriter.minimal().build();
        EifSection metadata = read(image).sections().get(2);
        image[(int) metadata.offset() + EifWriter.SECTION_HEADER_LENGTH + 1] ^= 0x01;
        assertTrue(rejected(image).getMessage().contains("CRC-32"));
    }

    @Test
    void aCorruptedHeaderFieldOrCrcFieldFailsTheCrc() {
        byte[] defaults = EifWriter.minimal().build();
        defaults[15] ^= 0x01;
        assertTrue(rejected(defaults).getMessage().contains("CRC-32"));
        byte[] crcField = EifWriter.minimal().build();
        crcField[EifWriter.CRC_OFFSET + 3] ^= 0x01;
        assertTrue(rejected(crcField).getMessage().contains("CRC-32"));
    }

    @Test
    void aCorruptedSignatureSectionIsCorruptionNotABadSignatureSection() throws Exception {
        byte[] image = EifWriter.minimal().signedBy(TestPki.standard().leaf()).build();
        EifSection signature = read(image).sections().get(4);
        for (long offset = signature.offset() + EifWriter.SECTION_HEADER_LENGTH; offset < image.length;
                offset += 97) {
            byte[] corrupted = image.clone();
            corrupted[(int) offset] ^= 0x10;
            String message = rejected(corrupted).getMessage();
            assertTrue(message.contains("CRC-32") && message.contains("corrupted"), offset + ": " + message);
        }
    }

    @Test
    void aCorruptedSectionTableIsCorruptionNotAStructuralProblem() {
        byte[] image = EifWriter.minimal().build();
        ByteBuffer.wrap(image).putLong(28 + 8, 600);
        assertTrue(rejected(image).getMessage().contains("CRC-32"));
        byte[] type = EifWriter.minimal().build();
        ByteBuffer.wrap(type).putShort(EifWriter.HEADER_LENGTH, (short) 9);
        assertTrue(rejected(type).getMessage().contains("CRC-32"));
    }

    @Test
    void anEmptyFileIsCalledEmpty() {
        assertEquals("The file is empty (0 bytes).", rejected(new byte[0]).getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 100, 547, 548, 559, 600, -1})
    void aTruncatedFileIsRejectedAsTruncated(int keep) {
        byte[] image = EifWriter.minimal().signedBy(TestPki.standard().leaf()).build();
        byte[] truncated = Arrays.copyOf(image, keep >= 0 ? keep : image.length + keep);
        assertTrue(rejected(truncated).getMessage().contains("truncated"));
    }

    @Test
    void aTruncatedSignatureSectionIsRejectedAsTruncated() throws Exception {
        byte[] image = EifWriter.minimal().signedBy(TestPki.standard().leaf()).build();
        EifSection signature = read(image).sections().get(4);
        byte[] truncated = Arrays.copyOf(image, (int) signature.offset() + EifWriter.SECTION_HEADER_LENGTH + 10);
        assertTrue(rejected(truncated).getMessage().contains("truncated"));
    }

    @Test
    void aFileThatIsNotAnEifIsRejectedByItsMagic() {
        byte[] text = new byte[1000];
        Arrays.fill(text, (byte) 'x');
        assertTrue(rejected(text).getMessage().contains("not an enclave image file"));
        byte[] document = Arrays.copyOf(DocumentBuilder.forPki(TestPki.standard()).build(), 6000);
        assertTrue(rejected(document).getMessage().contains("not an enclave image file"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 100, 547})
    void aFileShorterThanAHeaderIsJudgedByTheMagicItHas(int length) {
        byte[] text = Arrays.copyOf("Some notes, not an image.\n".repeat(40).getBytes(StandardCharsets.US_ASCII),
                length);
        assertEquals("The file is not an enclave image file (no .eif magic).", rejected(text).getMessage());
    }

    @Test
    void anotherVersionIsRejected() {
        assertTrue(rejected(EifWriter.minimal().version(3).build()).getMessage().contains("version 3"));
    }

    @Test
    void bytesAfterTheLastSectionAreRejected() {
        byte[] image = EifWriter.minimal().build();
        assertTrue(rejected(Arrays.copyOf(image, image.length + 1)).getMessage().contains("continues after"));
    }

    @Test
    void anImageWithoutRamdiskOrWithTwoKernelsIsRejected() {
        byte[] noRamdisk = EifWriter.empty().kernel(new byte[10]).cmdline("c").build();
        assertTrue(rejected(noRamdisk).getMessage().contains("at least one ramdisk"));
        byte[] twoKernels = EifWriter.empty().kernel(new byte[10]).kernel(new byte[10]).cmdline("c")
                .ramdisk(new byte[10]).build();
        assertTrue(rejected(twoKernels).getMessage().contains("second KERNEL"));
        assertTrue(rejected(EifWriter.empty().build()).getMessage().contains("0 sections"));
    }

    @Test
    void aSectionTableThatDoesNotMatchTheSectionsIsRejected() {
        byte[] image = EifWriter.minimal().build();
        ByteBuffer.wrap(image).putLong(28 + 8, 600);
        assertTrue(rejected(sealed(image)).getMessage().contains("declared at offset 600"));
    }

    @Test
    void anUnknownSectionTypeIsRejected() {
        byte[] image = EifWriter.minimal().build();
        ByteBuffer.wrap(image).putShort(EifWriter.HEADER_LENGTH, (short) 9);
        assertTrue(rejected(sealed(image)).getMessage().contains("unknown type 9"));
    }

    @Test
    void aNegativeSectionSizeHasItsOwnMessageEvenWhenTheHeaderSaysTheSame() {
        byte[] image = EifWriter.minimal().build();
        ByteBuffer.wrap(image).putLong(284, -1).putLong(EifWriter.HEADER_LENGTH + 4, -1);
        assertEquals("Section 0 (KERNEL) declares a size of 18446744073709551615 bytes, more than any file can hold.",
                rejected(sealed(image)).getMessage());
    }

    @Test
    void measurementsMapHoldsOnlyThePcrsTheImageDetermines() throws Exception {
        Map<Integer, Bytes> pcrs = read(EifWriter.minimal().build()).measurements().asMap();
        assertEquals(List.of(0, 1, 2), List.copyOf(pcrs.keySet()));
        pcrs.values().forEach(value -> assertEquals(48, value.length()));
    }

    @Test
    void aSignatureSectionThatIsNotASignatureListIsRejected() throws Exception {
        byte[] image = EifWriter.minimal().signedBy(TestPki.standard().leaf()).build();
        int data = (int) read(image).sections().get(4).offset() + EifWriter.SECTION_HEADER_LENGTH;
        byte[] notCbor = image.clone();
        notCbor[data] = (byte) 0x1c;
        assertTrue(rejected(sealed(notCbor)).getMessage().contains("not well-formed CBOR"));
        byte[] emptyList = image.clone();
        emptyList[data] = (byte) 0x80;
        assertTrue(rejected(sealed(emptyList)).getMessage().contains("signature section"));
    }

    @Test
    void aSigningCertificateArrayHoldingSomethingOtherThanIntegersIsRejected() throws Exception {
        byte[] image = EifWriter.minimal().signedBy(TestPki.standard().leaf()).build();
        int data = (int) read(image).sections().get(4).offset() + EifWriter.SECTION_HEADER_LENGTH;
        // 81 a2 73 "signing_certificate" 99 LLLL, then the PEM's first byte as 18 2d: replaced by another two-byte
        // item, a text string, a byte string or a negative integer, so that the CBOR stays well-formed.
        int firstElement = data + 3 + "signing_certificate".length() + 3;
        assertEquals(0x182d, ByteBuffer.wrap(image).getShort(firstElement));
        for (short item : new short[] {0x6141, 0x4141, 0x3800}) {
            byte[] odd = image.clone();
            ByteBuffer.wrap(odd).putShort(firstElement, item);
            assertEquals("The signing_certificate array holds something other than bytes.",
                    rejected(sealed(odd)).getMessage(), () -> String.format("item %04x", item));
        }
    }
}
