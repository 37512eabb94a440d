package dev.nitroattest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.testkit.ForgedDocument;
import dev.nitroattest.testkit.Forgeries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every forgery of the test kit, through the command line: each one rejected with its reason code, in one run. */
class ForgedDocumentsTest {
    private static final List<ForgedDocument> FORGERIES = Forgeries.all(TestFiles.PKI);

    @TempDir
    Path directory;

    @Test
    void everyForgeryIsRejectedWithItsReasonCode() {
        TestFiles files = new TestFiles(directory);
        List<String> args = new ArrayList<>(List.of("verify", "--format", "cbor", "--trust-anchor", files.root(),
                "--at-document-time"));
        for (ForgedDocument forged : FORGERIES) {
            args.add(files.write(forged.name() + ".cbor", forged.bytes()));
        }
        Cli.Result result = Cli.run(args.toArray(String[]::new));
        Cli.assertNoStackTrace(result);
        assertEquals(1, result.exitCode(), result::toString);
        List<String> lines = result.outLines();
        assertEquals(FORGERIES.size(), lines.size(), result::toString);
        for (int i = 0; i < FORGERIES.size(); i++) {
            ForgedDocument forged = FORGERIES.get(i);
            String expected = "REJECTED " + args.get(6 + i) + " " + forged.expectedReason() + ": ";
            assertTrue(lines.get(i).startsWith(expected), forged.name() + ": " + lines.get(i));
        }
    }

    @Test
    void withoutFormatTheForgeriesThatDoNotStartLikeACoseSign1AreInNoKnownFormat() {
        TestFiles files = new TestFiles(directory);
        for (ForgedDocument forged : FORGERIES) {
            byte[] bytes = forged.bytes();
            // The kit writes one-byte heads: an optional tag 18 (d2), then an array of four (84) or indefinite (9f).
            int array = bytes.length > 1 && (bytes[0] & 0xff) == 0xd2 ? bytes[1] & 0xff
                    : bytes.length > 0 ? bytes[0] & 0xff : -1;
            boolean startsLikeCose = array == 0x84 || array == 0x9f;
            Cli.Result result = Cli.run("verify", "--quiet", "--trust-anchor", files.root(), "--at-document-time",
                    files.write(forged.name() + ".cbor", bytes));
            assertEquals(startsLikeCose ? 1 : 3, result.exitCode(), () -> forged.name() + ": " + result);
        }
    }
}
