package dev.nitroattest.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealDocumentCorpusTest {

    @Test
    void theCorpusHoldsTwentyGenuineDocumentsAndTwoNegatives() {
        RealDocumentCorpus corpus = RealDocumentCorpus.load();
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
        for (RealDocument document : RealDocumentCorpus.load().documents()) {
            byte[] real = document.bytes();
            assertEquals(hex.formatHex(built, 0, 8), hex.formatHex(real, 0, 8), document.file());
            assertEquals(hex.formatHex(built, 10, 21), hex.formatHex(real, 10, 21), document.file());
        }
    }

    @Test
    void aWrongHashIsCaught() {
        RealDocument real = RealDocumentCorpus.load().documents().get(0);
        RealDocument tampered = new RealDocument(real.file(), "00".repeat(32), real.expectedVerified(),
                real.timestamp(), real.chainValidFrom(), real.chainValidUntil(), real.debugEnclave(), real.pcrCount(),
                real.why(), real.source());
        IllegalStateException error = assertThrows(IllegalStateException.class, tampered::bytes);
        assertTrue(error.getMessage().contains("SHA-256"));
    }

    @Test
    void aDocumentTheKitDoesNotCarryIsNamed() {
        RealDocument real = RealDocumentCorpus.load().documents().get(0);
        RealDocument absent = new RealDocument("absent.cbor", real.sha256(), real.expectedVerified(),
                real.timestamp(), real.chainValidFrom(), real.chainValidUntil(), real.debugEnclave(), real.pcrCount(),
                real.why(), real.source());
        IllegalStateException error = assertThrows(IllegalStateException.class, absent::bytes);
        assertTrue(error.getMessage().contains("absent.cbor"), error.getMessage());
    }

    @Test
    void everyDocumentNamesItsSourceAndTheManifestItsRoot() {
        RealDocumentCorpus corpus = RealDocumentCorpus.load();
        assertEquals("641a0321a3e244efe456463195d606317ed7cdcc3c1756e09893f3c68f79bb5b", corpus.rootCertificateSha256());
        for (RealDocument document : corpus.documents()) {
            RealDocument.Source source = document.source();
            assertTrue(source.repository().matches("[\\w.-]+/[\\w.-]+"), document.file() + ": " + source);
            assertFalse(source.path().isBlank(), document.file());
            assertTrue(source.commit().matches("[0-9a-f]{7,40}"), document.file() + ": " + source);
        }
    }

    @Test
    void writeToCopiesTheCheckedBytes(@TempDir Path temp) throws IOException {
        RealDocument real = RealDocumentCorpus.load().documents().get(1);
        Path written = real.writeTo(temp);
        assertEquals(temp.resolve(real.file()), written);
        assertArrayEquals(real.bytes(), Files.readAllBytes(written));
    }
}
