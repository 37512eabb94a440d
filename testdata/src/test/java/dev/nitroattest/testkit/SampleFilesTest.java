package dev.nitroattest.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample files tools ship instead of the test kit: what each holds, and the same bytes on every build. */
class SampleFilesTest {
    @TempDir
    Path first;
    @TempDir
    Path second;

    @Test
    void theFilesHoldTheStandardPkisDocumentRootAndImageAndDistinctNewLeaves() throws IOException {
        SampleFiles.write(first, 4);
        TestPki pki = TestPki.standard();
        assertArrayEquals(DocumentBuilder.forPki(pki).build(), Files.readAllBytes(first.resolve(SampleFiles.DOCUMENT)));
        assertEquals(pki.rootPem(), Files.readString(first.resolve(SampleFiles.ROOT), StandardCharsets.US_ASCII));
        assertTrue(Files.size(first.resolve(SampleFiles.IMAGE)) > EifWriter.HEADER_LENGTH);
        Set<String> leaves = new HashSet<>();
        try (InputStream file = Files.newInputStream(first.resolve(SampleFiles.NEW_LEAF_DOCUMENTS));
                DataInputStream in = new DataInputStream(file)) {
            assertEquals(4, in.readInt());
            for (int i = 0; i < 4; i++) {
                byte[] document = in.readNBytes(in.readInt());
                assertTrue(TestDocuments.coseSignatureVerifies(document), "document " + i + " is signed by its leaf");
                leaves.add(HexFormat.of().formatHex(TestDocuments.parse(document).certificate()));
            }
            assertEquals(-1, in.read(), "nothing follows the last document");
        }
        assertEquals(4, leaves.size(), "each document has a leaf of its own");
    }

    @Test
    void twoWritesAreByteForByteTheSame() throws IOException {
        SampleFiles.write(first, 2);
        SampleFiles.write(second, 2);
        for (String name : new String[] {SampleFiles.DOCUMENT, SampleFiles.ROOT, SampleFiles.IMAGE,
            SampleFiles.NEW_LEAF_DOCUMENTS}) {
            assertArrayEquals(Files.readAllBytes(first.resolve(name)), Files.readAllBytes(second.resolve(name)), name);
        }
    }
}
