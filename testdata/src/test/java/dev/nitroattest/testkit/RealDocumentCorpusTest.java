package dev.nitroattest.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealDocumentCorpusTest {

    @Test
    void theCorpusHoldsTwentyGenuineDocumentsAndTwoNegatives() {
        RealDocumentCorpus corpus = RealDocumentCorpus.require();
        assertEquals(22, corpus.documents().size());
        assertEquals(20, corpus.genuine().size());
        assertEquals(2, corpus.negatives().size());
        for (RealDocument document : corpus.documents()) {
            byte[] bytes = document.bytes();
            assertTrue(bytes.length > 1000, document.file());
            assertFalse(document.timestamp().isBefore(document.chainValidFrom()), document.file());
            assertFalse(document.timestamp().isAfter(document.chainValidUntil()), document.file());
            assertEquals(document.expectedVerified(), document.why().isEmpty(), document.file());
        }
    }

    @Test
    void realDocumentsShareTheBuildersDefaultEnvelopeAndPayloadStart() {
        byte[] built = DocumentBuilder.forPki(TestPki.standard()).build();
        HexFormat hex = HexFormat.of();
        for (RealDocument document : RealDocumentCorpus.require().documents()) {
            byte[] real = document.bytes();
            assertEquals(hex.formatHex(built, 0, 8), hex.formatHex(real, 0, 8), document.file());
            assertEquals(hex.formatHex(built, 10, 21), hex.formatHex(real, 10, 21), document.file());
        }
    }

    @Test
    void aWrongHashIsCaught() {
        RealDocument real = RealDocumentCorpus.require().documents().get(0);
        RealDocument tampered = new RealDocument(real.file(), real.path(), "00".repeat(32), real.expectedVerified(),
                real.timestamp(), real.chainValidFrom(), real.chainValidUntil(), real.debugEnclave(), real.pcrCount(),
                real.why());
        IllegalStateException error = assertThrows(IllegalStateException.class, tampered::bytes);
        assertTrue(error.getMessage().contains("SHA-256"));
    }

    @Test
    void locateFollowsThePropertyThenTheAncestors(@TempDir Path temp) throws IOException {
        Path realDocs = Files.createDirectories(temp.resolve("shared").resolve("real-docs"));
        Files.writeString(realDocs.resolve("manifest.json"), "{\"documents\": []}", StandardCharsets.UTF_8);
        Path deep = Files.createDirectories(temp.resolve("project").resolve("module"));
        assertEquals(Optional.of(realDocs), RealDocumentCorpus.locate(null, deep));
        assertEquals(Optional.of(realDocs), RealDocumentCorpus.locate(temp.resolve("nowhere").toString(), deep),
                "a property naming a folder without real-docs falls back to the ancestors");
        String property = temp.resolve("shared").toString();
        assertEquals(Optional.of(realDocs), RealDocumentCorpus.locate(property, temp.getRoot()));
    }
}
