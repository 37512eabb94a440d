package dev.nitroattest.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.testkit.EifWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * The files in attestation-cli/examples, which the READMEs' quick starts run the tool on, are exactly what the test kit
 * makes, and do what the quick starts say. The kit is deterministic; if it changes on purpose, rewrite the files with
 * {@code ./mvnw -B -q -pl attestation-cli test -Dtest=ExampleFilesTest -Dnitro.examples.write=true}.
 */
class ExampleFilesTest {
    private static final Path EXAMPLES = Path.of("examples");
    private static final String DOCUMENT = "test-kit-document.cbor";
    private static final String ROOT = "test-kit-root.pem";
    private static final String IMAGE = "test-kit-image.eif";

    /** A document whose PCR0 to PCR2 are those of the example image, so that --pcrs-from-eif accepts it. */
    private static Map<String, byte[]> expectedFiles() {
        EifWriter image = EifWriter.minimal().ramdisk(EifWriter.pattern("example application", 4096));
        SortedMap<Integer, byte[]> pcrs = image.expectedPcrs();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(DOCUMENT, TestFiles.builder().pcr(0, pcrs.get(0)).pcr(1, pcrs.get(1)).pcr(2, pcrs.get(2))
                .nonce("example nonce".getBytes(StandardCharsets.US_ASCII)).build());
        files.put(ROOT, TestFiles.PKI.rootPem().getBytes(StandardCharsets.US_ASCII));
        files.put(IMAGE, image.build());
        return files;
    }

    @Test
    void theExampleFilesAreTheTestKitsOwn() throws IOException {
        Map<String, byte[]> expected = expectedFiles();
        if (Boolean.getBoolean("nitro.examples.write")) {
            Files.createDirectories(EXAMPLES);
            for (Map.Entry<String, byte[]> file : expected.entrySet()) {
                Files.write(EXAMPLES.resolve(file.getKey()), file.getValue());
            }
        }
        for (Map.Entry<String, byte[]> file : expected.entrySet()) {
            assertArrayEquals(file.getValue(), Files.readAllBytes(EXAMPLES.resolve(file.getKey())),
                    file.getKey() + " differs from what the test kit makes; see this class's comment to rewrite it");
        }
    }

    @Test
    void theQuickStartVerifiesTheExampleDocumentAgainstTheExampleImage() {
        Cli.Result result = Cli.run("verify", "--trust-anchor", EXAMPLES.resolve(ROOT).toString(),
                "--at-document-time", "--pcrs-from-eif", EXAMPLES.resolve(IMAGE).toString(), "--nonce",
                "6578616d706c65206e6f6e6365", EXAMPLES.resolve(DOCUMENT).toString());
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.err());
        assertTrue(result.out().startsWith("VERIFIED examples/" + DOCUMENT + " module="), result::toString);
    }
}
