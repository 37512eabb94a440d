package dev.nitroattest.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.testkit.EifWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pcrs}: the measurements of an enclave image file, as text or in nitro-cli's JSON shape. */
class PcrsCommandTest {
    /** docs/nitro-facts.md section 4: the PCR2 of a single-ramdisk image. */
    private static final String SINGLE_RAMDISK_PCR2 =
            "21b9efbc184807662e966d34f390821309eeac6802309798826296bf3e8bec7c10edb30948c90ba67310f7b964fc500a";
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path directory;
    private TestFiles files;

    @BeforeEach
    void setUp() {
        files = new TestFiles(directory);
    }

    private String image(String name, EifWriter writer) {
        return files.write(name, writer.build());
    }

    private static List<String> expectedLines(EifWriter writer) {
        return writer.expectedPcrs().entrySet().stream()
                .map(pcr -> "PCR" + pcr.getKey() + " " + HEX.formatHex(pcr.getValue())).toList();
    }

    @Test
    void aSingleRamdiskImageHasPcr0EqualToPcr1AndThePublishedPcr2() {
        Cli.Result result = Cli.run("pcrs", image("app.eif", EifWriter.minimal()));
        List<String> lines = result.outLines();
        assertAll(
                () -> assertEquals(0, result.exitCode(), result::toString),
                () -> assertEquals("", result.err()),
                () -> assertEquals(expectedLines(EifWriter.minimal()), lines),
                () -> assertEquals(lines.get(0).substring(5), lines.get(1).substring(5)),
                () -> assertEquals("PCR2 " + SINGLE_RAMDISK_PCR2, lines.get(2)));
    }

    @Test
    void aMultiRamdiskSignedImageHasItsOwnPcr2AndAPcr8() {
        EifWriter writer = EifWriter.minimal().ramdisk(EifWriter.pattern("app", 3000)).signedBy(TestFiles.PKI.leaf());
        Cli.Result result = Cli.run("pcrs", image("signed.eif", writer));
        assertEquals(expectedLines(writer), result.outLines(), result::toString);
        assertEquals(List.of("PCR0", "PCR1", "PCR2", "PCR8"),
                result.outLines().stream().map(line -> line.split(" ")[0]).toList());
    }

    @Test
    void jsonHasTheShapeOfNitroCliDescribeEifMeasurements() {
        EifWriter writer = EifWriter.minimal().signedBy(TestFiles.PKI.leaf()).aarch64(true);
        Cli.Result result = Cli.run("pcrs", "--json", image("signed.eif", writer));
        Map<String, Object> json = JsonTestReader.object(result.out());
        Map<?, ?> measurements = (Map<?, ?>) json.get("Measurements");
        SortedMap<Integer, byte[]> expected = writer.expectedPcrs();
        assertAll(
                () -> assertEquals(0, result.exitCode(), result::toString),
                () -> assertEquals(4L, json.get("EifVersion")),
                () -> assertEquals("aarch64", json.get("Arch")),
                () -> assertEquals(true, json.get("IsSigned")),
                () -> assertEquals(List.of("HashAlgorithm", "PCR0", "PCR1", "PCR2", "PCR8"),
                        List.copyOf(measurements.keySet())),
                () -> assertEquals("Sha384 { ... }", measurements.get("HashAlgorithm")),
                () -> assertEquals(HEX.formatHex(expected.get(8)), measurements.get("PCR8")),
                () -> assertTrue(result.out().contains("\n  \"Measurements\": {\n    \"HashAlgorithm\": "),
                        result::out));
    }

    @Test
    void aCorruptedTruncatedOrForeignFileIsExitStatus1WithOneSentence() {
        byte[] image = EifWriter.minimal().build();
        byte[] corrupted = image.clone();
        corrupted[image.length / 2] ^= 0x40;
        assertRejected(Cli.run("pcrs", files.write("corrupted.eif", corrupted)), "CRC-32");
        assertRejected(Cli.run("pcrs", files.write("truncated.eif", Arrays.copyOf(image, image.length - 100))),
                "truncated");
        assertRejected(Cli.run("pcrs", files.write("document.cbor", TestFiles.builder().build())),
                "not an enclave image file");
        assertRejected(Cli.run("pcrs", files.write("empty.eif", new byte[0])),
                "empty.eif: the file is empty (0 bytes)");
        assertRejected(Cli.run("pcrs", files.write("notes.txt", "a".repeat(100))),
                "notes.txt: the file is not an enclave image file (no .eif magic)");
        byte[] signed = EifWriter.minimal().signedBy(TestFiles.PKI.leaf()).build();
        byte[] corruptedSignature = signed.clone();
        corruptedSignature[signed.length - 200] ^= 0x01;
        assertRejected(Cli.run("pcrs", files.write("corrupted-signature.eif", corruptedSignature)), "CRC-32");
    }

    @Test
    void jsonOfAnUnsignedImageSaysSoAndHasNoPcr8() {
        EifWriter writer = EifWriter.minimal();
        Cli.Result result = Cli.run("pcrs", "--json", image("unsigned.eif", writer));
        Map<String, Object> json = JsonTestReader.object(result.out());
        Map<?, ?> measurements = (Map<?, ?>) json.get("Measurements");
        assertAll(
                () -> assertEquals(0, result.exitCode(), result::toString),
                () -> assertEquals(false, json.get("IsSigned")),
                () -> assertEquals("x86_64", json.get("Arch")),
                () -> assertEquals(List.of("HashAlgorithm", "PCR0", "PCR1", "PCR2"),
                        List.copyOf(measurements.keySet())),
                () -> assertEquals(HEX.formatHex(writer.expectedPcrs().get(2)), measurements.get("PCR2")));
    }

    @Test
    void aMissingFileOrADirectoryCouldNotBeRead() throws Exception {
        Cli.assertUnreadable(Cli.run("pcrs", files.path("absent.eif").toString()), "there is no such file");
        Cli.assertUnreadable(Cli.run("pcrs", Files.createDirectory(files.path("images")).toString()),
                "is a directory");
    }

    private static void assertRejected(Cli.Result result, String fragment) {
        Cli.assertNoStackTrace(result);
        assertAll(
                () -> assertEquals(1, result.exitCode(), result::toString),
                () -> assertEquals("", result.out()),
                () -> assertEquals(1, result.errLines().size(), result::toString),
                () -> assertTrue(result.err().contains(fragment), result::toString),
                () -> assertTrue(result.err().strip().endsWith("check that it is the complete .eif that nitro-cli "
                        + "built."), result::toString));
    }
}
