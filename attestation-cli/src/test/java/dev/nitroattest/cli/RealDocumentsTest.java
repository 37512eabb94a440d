package dev.nitroattest.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.testkit.RealDocument;
import dev.nitroattest.testkit.RealDocumentCorpus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real AWS documents of the test kit, written to files as a user would have them: genuine ones verify at their own
 * timestamp and have expired now; the negatives are rejected.
 */
class RealDocumentsTest {
    /** What a correct verifier says of each negative of the corpus, from the manifest's "why". */
    private static final Map<String, String> NEGATIVE_REASONS = Map.of(
            "d_eternis_invalid.cbor", "BAD_SIGNATURE",
            "marlin_mock_root_NOT_AWS.cbor", "UNTRUSTED_CHAIN");

    private static List<RealDocument> genuine;
    private static List<RealDocument> negatives;

    @TempDir
    static Path corpusFolder;

    @BeforeAll
    static void writeCorpus() {
        RealDocumentCorpus corpus = RealDocumentCorpus.load();
        corpus.documents().forEach(document -> document.writeTo(corpusFolder));
        genuine = corpus.genuine();
        negatives = corpus.negatives();
        assertFalse(genuine.isEmpty() || negatives.isEmpty(), "the corpus has documents of both kinds");
    }

    @Test
    void theCorpusHolds20GenuineDocumentsAndTheTwoKnownNegatives() {
        assertEquals(20, genuine.size());
        assertEquals(NEGATIVE_REASONS.keySet(), negatives.stream().map(RealDocument::file).collect(Collectors.toSet()));
    }

    @Test
    void everyGenuineDocumentVerifiesAtItsOwnTimestampWithDebugAllowed() throws Exception {
        for (RealDocument document : genuine) {
            String moduleId = AttestationDocument.parse(document.bytes()).moduleId();
            Cli.Result result = Cli.run("verify", "--at-document-time", "--allow-debug", path(document).toString());
            assertAll(document.file(),
                    () -> assertEquals(0, result.exitCode(), result::toString),
                    () -> assertEquals(List.of("VERIFIED " + path(document) + " module=" + moduleId
                            + " time=" + document.timestamp()), result.outLines()));
        }
    }

    @Test
    void everyGenuineDocumentHasExpiredNow() {
        for (RealDocument document : genuine) {
            Cli.Result result = Cli.run("verify", "--allow-debug", path(document).toString());
            assertAll(document.file(),
                    () -> assertEquals(1, result.exitCode(), result::toString),
                    () -> assertTrue(result.out().startsWith("REJECTED " + path(document) + " CERTIFICATE_EXPIRED: "),
                            result::toString));
        }
    }

    @Test
    void debugDocumentsAreRejectedWithoutAllowDebug() {
        for (RealDocument document : genuine) {
            Cli.Result result = Cli.run("verify", "--at-document-time", path(document).toString());
            assertEquals(document.debugEnclave() ? 1 : 0, result.exitCode(), () -> document.file() + ": " + result);
            assertTrue(result.out().startsWith((document.debugEnclave() ? "REJECTED " : "VERIFIED ") + path(document)
                    + (document.debugEnclave() ? " DEBUG_ENCLAVE: " : " module=")), () -> document.file() + ": "
                    + result);
        }
    }

    @Test
    void theNegativesAreRejectedEvenAtTheirOwnTimestamp() {
        for (RealDocument document : negatives) {
            Cli.Result result = Cli.run("verify", "--at-document-time", "--allow-debug", path(document).toString());
            assertAll(document.file() + " (" + document.why() + ")",
                    () -> assertEquals(1, result.exitCode(), result::toString),
                    () -> assertTrue(result.out().startsWith("REJECTED "), result::toString),
                    () -> assertTrue(result.out().startsWith("REJECTED " + path(document) + " "
                            + NEGATIVE_REASONS.get(document.file()) + ": "), result::toString));
        }
    }

    @Test
    void allOfThemInOneRunAggregateTheExitStatus() {
        String[] args = new String[3 + genuine.size()];
        args[0] = "verify";
        args[1] = "--at-document-time";
        args[2] = "--allow-debug";
        for (int i = 0; i < genuine.size(); i++) {
            args[3 + i] = path(genuine.get(i)).toString();
        }
        Cli.Result result = Cli.run(args);
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(genuine.size(), result.outLines().size());
    }

    @Test
    void everyRealDocumentCanBeInspected() {
        for (RealDocument document : genuine) {
            Cli.Result result = Cli.run("inspect", "--json", path(document).toString());
            assertEquals(0, result.exitCode(), () -> document.file() + ": " + result);
            assertEquals(false, JsonTestReader.object(result.out()).get("verified"));
            assertEquals(document.timestamp().toEpochMilli(),
                    JsonTestReader.object(result.out()).get("timestamp_ms"), document.file());
        }
    }

    private static Path path(RealDocument document) {
        return corpusFolder.resolve(document.file());
    }
}
