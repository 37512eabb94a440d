package dev.nitroattest.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.testkit.CborTestReader.CborArray;
import dev.nitroattest.testkit.CborTestReader.CborMap;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** Checks the writer's layout against the EIF facts with code of its own, not with the reader it serves. */
class EifWriterTest {
    /** docs/nitro-facts.md section 4: the PCR2 of a single-ramdisk image, the measurement of nothing. */
    private static final String MEASUREMENT_OF_NOTHING =
            "21b9efbc184807662e966d34f390821309eeac6802309798826296bf3e8bec7c10edb30948c90ba67310f7b964fc500a";
    private static final HexFormat HEX = HexFormat.of();

    private record SectionView(int type, int flags, byte[] data) {}

    private static List<SectionView> sections(byte[] image) {
        ByteBuffer buffer = ByteBuffer.wrap(image);
        int count = buffer.getShort(26);
        List<SectionView> sections = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int offset = (int) buffer.getLong(28 + 8 * i);
            int size = (int) buffer.getLong(284 + 8 * i);
            assertEquals(size, buffer.getLong(offset + 4), "section " + i + "'s header repeats its size");
            byte[] data = new byte[size];
            System.arraycopy(image, offset + EifWriter.SECTION_HEADER_LENGTH, data, 0, size);
            sections.add(new SectionView(buffer.getShort(offset), buffer.getShort(offset + 2), data));
        }
        return sections;
    }

    @Test
    void headerHasTheMagicVersionFlagsDefaultsAndSectionTableOfNitroCli() {
        byte[] image = EifWriter.minimal().defaults(1024, 4).build();
        ByteBuffer header = ByteBuffer.wrap(image);
        assertArrayEquals(".eif".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(image, 4));
        assertEquals(4, header.getShort(4));
        assertEquals(0, header.getShort(6));
        assertEquals(1024, header.getLong(8));
        assertEquals(4, header.getLong(16));
        assertEquals(4, header.getShort(26));
        long expectedOffset = EifWriter.HEADER_LENGTH;
        for (int i = 0; i < 4; i++) {
            assertEquals(expectedOffset, header.getLong(28 + 8 * i), "section " + i + " follows the previous one");
            expectedOffset += EifWriter.SECTION_HEADER_LENGTH + header.getLong(284 + 8 * i);
        }
        assertEquals(0, header.getLong(28 + 8 * 4), "unused offsets are zero");
        assertEquals(expectedOffset, image.length, "the last section ends the file");
    }

    @Test
    void sectionsComeInNitroCliOrderWithTheirContent() {
        byte[] kernel = EifWriter.pattern("k", 100);
        byte[] first = EifWriter.pattern("r1", 50);
        byte[] second = EifWriter.pattern("r2", 60);
        byte[] image = EifWriter.empty().kernel(kernel).cmdline("console=ttyS0").metadata("{}").ramdisk(first)
                .ramdisk(second).signedBy(TestPki.standard().leaf()).build();
        List<SectionView> sections = sections(image);
        assertEquals(List.of(1, 2, 5, 3, 3, 4), sections.stream().map(SectionView::type).toList());
        assertArrayEquals(kernel, sections.get(0).data());
        assertEquals("console=ttyS0", new String(sections.get(1).data(), StandardCharsets.UTF_8), "no trailing NUL");
        assertEquals("{}", new String(sections.get(2).data(), StandardCharsets.UTF_8));
        assertArrayEquals(first, sections.get(3).data());
        assertArrayEquals(second, sections.get(4).data());
    }

    @Test
    void crcCoversTheHeaderUpToItsCrcFieldThenEverySectionInFileOrder() {
        byte[] image = EifWriter.minimal().ramdisk(EifWriter.pattern("app", 1000)).build();
        CRC32 crc = new CRC32();
        crc.update(image, 0, EifWriter.CRC_OFFSET);
        crc.update(image, EifWriter.HEADER_LENGTH, image.length - EifWriter.HEADER_LENGTH);
        assertEquals((int) crc.getValue(), ByteBuffer.wrap(image).getInt(EifWriter.CRC_OFFSET));
    }

    @Test
    void aarch64SetsFlagBitZero() {
        assertEquals(1, ByteBuffer.wrap(EifWriter.minimal().aarch64(true).build()).getShort(6));
    }

    @Test
    void singleRamdiskImageHasPcr0EqualToPcr1AndThePublishedPcr2() {
        SortedMap<Integer, byte[]> pcrs = EifWriter.minimal().expectedPcrs();
        assertEquals(List.of(0, 1, 2), List.copyOf(pcrs.keySet()));
        assertArrayEquals(pcrs.get(0), pcrs.get(1));
        assertEquals(MEASUREMENT_OF_NOTHING, HEX.formatHex(pcrs.get(2)));
        assertEquals(MEASUREMENT_OF_NOTHING, HEX.formatHex(EifWriter.measure(List.of())));
    }

    @Test
    void measurementHashesTheConcatenationNotEachPart() {
        byte[] whole = EifWriter.pattern("ab", 10);
        byte[] head = Arrays.copyOf(whole, 4);
        byte[] tail = Arrays.copyOfRange(whole, 4, 10);
        assertArrayEquals(EifWriter.measure(List.of(whole)), EifWriter.measure(List.of(head, tail)));
    }

    @Test
    void multipleRamdisksSplitBetweenPcr1AndPcr2() {
        byte[] second = EifWriter.pattern("second", 300);
        byte[] third = EifWriter.pattern("third", 200);
        EifWriter single = EifWriter.minimal();
        SortedMap<Integer, byte[]> pcrs = EifWriter.minimal().ramdisk(second).ramdisk(third).expectedPcrs();
        assertArrayEquals(single.expectedPcrs().get(1), pcrs.get(1), "PCR1 measures the first ramdisk only");
        assertArrayEquals(EifWriter.measure(List.of(second, third)), pcrs.get(2));
        assertFalse(Arrays.equals(pcrs.get(0), pcrs.get(1)));
    }

    @Test
    void signedImageHasPcr8OverTheCertificateDerAndASignatureSectionAsNitroCliWritesIt() throws Exception {
        IssuedCertificate signer = TestPki.standard().leaf();
        EifWriter writer = EifWriter.minimal().signedBy(signer);
        assertArrayEquals(EifWriter.measure(List.of(signer.der())), writer.expectedPcrs().get(8));

        List<SectionView> sections = sections(writer.build());
        SectionView signature = sections.get(sections.size() - 1);
        assertEquals(4, signature.type());
        CborArray entries = (CborArray) CborTestReader.decode(signature.data());
        assertEquals(1, entries.items().size());
        CborMap entry = (CborMap) entries.items().get(0);
        assertEquals(List.of("signing_certificate", "signature"), entry.keys());
        assertEquals(signer.pem(),
                new String(integerArray(entry.get("signing_certificate")), StandardCharsets.US_ASCII));

        CborArray cose = (CborArray) CborTestReader.decode(integerArray(entry.get("signature")));
        byte[] protectedHeader = (byte[]) cose.items().get(0);
        byte[] payload = (byte[]) cose.items().get(2);
        assertTrue(TestDocuments.verifyP1363("SHA384withECDSAinP1363Format", TestDocuments.publicKey(signer.key()),
                DocumentBuilder.sigStructure(protectedHeader, payload), (byte[]) cose.items().get(3)));
        CborMap pcrInfo = (CborMap) CborTestReader.decode(payload);
        assertEquals(0L, pcrInfo.get("register_index"));
        assertArrayEquals(writer.expectedPcrs().get(0), integerArray(pcrInfo.get("register_value")));
    }

    @Test
    void byteStringsWritesTheSignatureSectionsVectorsAsByteStrings() {
        IssuedCertificate signer = TestPki.standard().leaf();
        List<SectionView> sections = sections(EifWriter.minimal().signedBy(signer).byteStrings(true).build());
        CborMap entry = (CborMap) ((CborArray) CborTestReader.decode(sections.get(sections.size() - 1).data()))
                .items().get(0);
        assertArrayEquals(signer.pem().getBytes(StandardCharsets.US_ASCII),
                assertInstanceOf(byte[].class, entry.get("signing_certificate")));
    }

    @Test
    void emptyWriterWritesAHeaderWithoutSections() {
        byte[] image = EifWriter.empty().build();
        assertEquals(EifWriter.HEADER_LENGTH, image.length);
        assertEquals(0, ByteBuffer.wrap(image).getShort(26));
    }

    private static byte[] integerArray(Object value) {
        List<Object> items = assertInstanceOf(CborArray.class, value).items();
        byte[] bytes = new byte[items.size()];
        for (int i = 0; i < bytes.length; i++) {
            long octet = (Long) items.get(i);
            assertTrue(octet >= 0 && octet <= 255, "each element is a byte");
            bytes[i] = (byte) octet;
        }
        return bytes;
    }
}
