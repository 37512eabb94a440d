package dev.nitroattest.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.testkit.RealDocument;
import dev.nitroattest.testkit.RealDocumentCorpus;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real AWS documents in ../shared/real-docs, read from there (never copied into the project): genuine ones verify
 * at their own timestamp and have expired now; the negatives are rejected. Fails with the kit's explanation when the
 * folder is absent.
 */
class RealDocumentsTest {
    private static List<RealDocument> genuine;
    private static List<RealDocument> negatives;

    @BeforeAll
    static void locateCorpus() {
        RealDocumentCorpus corpus = RealDocumentCorpus.require();
        genuine = corpus.genuine();
        negatives = corpus.negatives();
        assertFalse(genuine.isEmpty() || negatives.isEmpty(), "the corpus has documents of both kinds");
    }

    @Test
    void everyGenuineDocumentVerifiesAtItsOwnTimestampWithDebugAllowed() {
        for (RealDocument document : genuine) {
            Cli.Result result = Cli.run("verify", "--at-document-time", "--allow-debug", document.path().toString());
            assertAll(document.file(),
                    () -> assertEquals(0, result.exitCode(), result::toString),
                    () -> assertEquals(List.of("VERIFIED " + document.path() + " module=" + moduleId(result)
                            + " time=" + document.timestamp()), result.outLines()));
        }
    }

    @Test
    void everyGenuineDocumentHasExpiredNow() {
        for (RealDocument document : genuine) {
            Cli.Result result = Cli.run("verify", "--allow-debug", document.path().toString());
            assertAll(document.file(),
                    () -> assertEquals(1, result.exitCode(), result::toString),
                    () -> assertTrue(result.out().startsWith("REJECTED " + document.path() + " CERTIFICATE_EXPIRED: "),
                            result::toString));
        }
    }

    @Test
    void debugDocumentsAreRejectedWithoutAllowDebug() {
        for (RealDocument document : genuine) {
            Cli.Result result = Cli.run("verify", "--at-document-time", document.path().toString());
            assertEquals(document.debugEnclave() ? 1 : 0, result.exitCode(), () -> document.file() + ": " + result);
        }
    }

    @Test
    void theNegativesAreRejectedEvenAtTheirOwnTimestamp() {
        for (RealDocument document : negatives) {
            Cli.Result result = Cli.run("verify", "--at-document-time", "--allow-debug", document.path().toString());
            assertAll(document.file() + " (" + document.why() + ")",
                    () -> assertEquals(1, result.exitCode(), result::toString),
                    () -> assertTrue(result.out().startsWith("REJECTED "), result::toString));
        }
    }

    @Test
    void allOfThemInOneRunAggregateTheExitStatus() {
        String[] args = new String[3 + genuine.size()];
        args[0] = "verify";
        args[1] = "--at-document-time";
        args[2] = "--allow-debug";
        for (int i = 0; i < genuine.size(); i++) {
            args[3 + i] = genuine.get(i).path().toString();
        }
        Cli.Result result = Cli.run(args);
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(genuine.size(), result.outLines().size());
    }

    @Test
    void everyRealDocumentCanBeInspected() {
        for (RealDocument document : genuine) {
            Cli.Result result = Cli.run("inspect", "--json", document.path().toString());
            assertEquals(0, result.exitCode(), () -> document.file() + ": " + result);
            assertEquals(false, JsonTestReader.object(result.out()).get("verified"));
            assertEquals(document.timestamp().toEpochMilli(),
                    JsonTestReader.object(result.out()).get("timestamp_ms"), document.file());
        }
    }

    private static String moduleId(Cli.Result result) {
        return result.out().replaceFirst("(?s).* module=(\\S+) .*", "$1");
    }
}
