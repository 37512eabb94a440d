package dev.nitroattest.cli;

import static dev.nitroattest.cli.Cli.assertUnreadable;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.cli.input.DocumentFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How document files are read: each format detected or forced, standard input, and where "could not be read"
 * (exit status 3) ends and "rejected" (exit status 1) begins.
 */
class InputFormatsTest {
    private static final byte[] DOCUMENT = TestFiles.builder().build();
    private static final String PINNED_PCR0 = pcr0();

    @TempDir
    Path directory;
    private TestFiles files;
    private String root;

    @BeforeEach
    void writeFiles() {
        files = new TestFiles(directory);
        root = files.root();
    }

    /** Verifies with PCR0 pinned, so that standard error holds only what the input causes. */
    private Cli.Result verify(String... tail) {
        String[] head = {"verify", "--trust-anchor", root, "--at-document-time", "--pcr", PINNED_PCR0};
        String[] args = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, args, head.length, tail.length);
        return Cli.run(args);
    }

    private static String pcr0() {
        try {
            return "0=" + AttestationDocument.parse(DOCUMENT).pcrs().get(0).orElseThrow().toHex();
        } catch (DocumentRejectedException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertVerified(Cli.Result result) {
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("VERIFIED "), result::toString);
    }

    private static void assertMalformed(Cli.Result result) {
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.out().matches("REJECTED \\S+ MALFORMED: .+\\R"), result::toString);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Test
    void rawCborUntaggedAndTaggedIsDetected() {
        assertVerified(verify(files.write("raw.cbor", DOCUMENT)));
        assertVerified(verify(files.write("tagged.cbor", TestFiles.builder().tagged(true).build())));
    }

    @Test
    void base64StandardOrUrlSafeWithOrWithoutPaddingAndLineBreaksIsDetected() {
        String mime = text(Base64.getMimeEncoder().encode(DOCUMENT));
        String urlSafeUnpadded = Base64.getUrlEncoder().withoutPadding().encodeToString(DOCUMENT);
        assertTrue(mime.contains("\r\n") && urlSafeUnpadded.matches(".*[-_].*"), "the cases test what they say");
        assertVerified(verify(files.write("mime.b64", mime + "\n")));
        assertVerified(verify(files.write("url.b64", urlSafeUnpadded)));
        assertVerified(verify(files.write("standard.b64", Base64.getEncoder().encodeToString(DOCUMENT))));
    }

    @Test
    void hexInEitherCaseWithWhiteSpaceIsDetected() {
        String hex = HexFormat.of().formatHex(DOCUMENT);
        assertVerified(verify(files.write("lower.hex", hex)));
        String wrapped = String.join("\n", hex.toUpperCase().split("(?<=\\G.{64})")) + "\n";
        assertVerified(verify(files.write("upper.hex", wrapped)));
    }

    @Test
    void formatForcesOneEncoding() {
        String base64 = files.write("document.b64", Base64.getEncoder().encode(DOCUMENT));
        assertVerified(verify("--format", "base64", base64));
        assertVerified(verify("--format", "HEX", files.write("document.hex", HexFormat.of().formatHex(DOCUMENT))));
        assertVerified(verify("--format", "cbor", files.write("document.cbor", DOCUMENT)));
        assertUnreadable(verify("--format", "hex", base64), "is not hex");
        assertUnreadable(verify("--format", "base64", files.write("raw.cbor", DOCUMENT)), "is not base64 text");
    }

    /**
     * Every CBOR encoding of the envelope's heads is detected as a document, raw or as text, and the CLI then says what
     * the library says of it: a tag 18 written {@code d8 12}, an indefinite-length array, a four-item array written
     * {@code 98 04}, and their combinations.
     */
    @Test
    void everyEncodingOfTheEnvelopeHeadsIsReadAndJudgedByTheLibrary() throws Exception {
        HexFormat hex = HexFormat.of();
        String untagged = hex.formatHex(DOCUMENT);
        String body = untagged.substring(2);
        List<byte[]> envelopes = List.of("d2" + untagged, "d812" + untagged, "d90012" + untagged, "9f" + body + "ff",
                "d8129f" + body + "ff", "9804" + body).stream().map(hex::parseHex).toList();
        int accepted = 0;
        for (byte[] envelope : envelopes) {
            String head = hex.formatHex(envelope, 0, 3);
            boolean libraryAccepts;
            try {
                AttestationDocument.parse(envelope);
                libraryAccepts = true;
                accepted++;
            } catch (DocumentRejectedException e) {
                libraryAccepts = false;
            }
            for (String file : List.of(files.write(head + ".cbor", envelope),
                    files.write(head + ".hex", hex.formatHex(envelope)),
                    files.write(head + ".b64", Base64.getEncoder().encode(envelope)))) {
                if (libraryAccepts) {
                    assertVerified(verify(file));
                } else {
                    assertMalformed(verify(file));
                }
            }
        }
        assertTrue(accepted >= 4, "the library accepts the tagged and indefinite-length envelopes: " + accepted);
    }

    @Test
    void aForcedFormatHandsWhateverItDecodesToTheParser() {
        String notCose = files.write("not-cose.b64", Base64.getEncoder().encode(new byte[] {(byte) 0xa1, 1, 2}));
        assertUnreadable(verify(notCose), "does not start like a COSE_Sign1");
        assertMalformed(verify("--format", "base64", notCose));
    }

    @Test
    void dashReadsStandardInput() {
        Cli.Result raw = Cli.runWithInput(DOCUMENT, "verify", "--trust-anchor", root, "--at-document-time", "-");
        assertEquals(1, raw.errLines().size(), "the no-PCR warning only");
        assertVerified(raw);
        assertTrue(raw.out().startsWith("VERIFIED - module="), raw::toString);
        assertVerified(Cli.runWithInput(Base64.getEncoder().encode(DOCUMENT), "verify", "--trust-anchor", root,
                "--at-document-time", "-"));
    }

    @Test
    void aFileThatStartsLikeADocumentButDoesNotParseIsRejectedAsMalformed() {
        assertMalformed(verify(files.write("truncated.cbor", Arrays.copyOf(DOCUMENT, DOCUMENT.length - 1))));
        assertMalformed(verify(files.write("truncated.b64",
                Base64.getEncoder().encode(Arrays.copyOf(DOCUMENT, 100)))));
        assertMalformed(verify("--format", "cbor", files.write("garbage.bin", new byte[] {1, 2, 3})));
    }

    @Test
    void aFileInNoKnownFormatCouldNotBeRead() {
        assertUnreadable(verify(files.write("image.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1})),
                "is not an attestation document in a known format");
        assertUnreadable(verify(files.write("prose.txt", "Hello, world!\n")), "neither hex nor base64");
        assertUnreadable(verify(files.write("odd.hex", "84a")), "odd number of hex digits");
        assertUnreadable(verify(files.write("mixed.b64", "hE+/-_")), "mixes the standard and the URL-safe");
        assertUnreadable(verify(files.write("bad.b64", "hEShA")), "is not valid base64");
    }

    @Test
    void emptyMissingDirectoryAndOversizedFilesCouldNotBeRead() throws Exception {
        assertUnreadable(verify(files.write("empty.cbor", new byte[0])), "is empty");
        assertUnreadable(verify(files.write("blank.txt", " \n\t\n")), "holds only white space");
        assertUnreadable(verify(files.path("absent.cbor").toString()), "there is no such file");
        Path folder = Files.createDirectory(files.path("folder"));
        assertUnreadable(verify(folder.toString()), "is a directory");
        byte[] huge = new byte[DocumentFiles.MAX_INPUT_BYTES + 1];
        huge[0] = (byte) 0x84;
        assertUnreadable(verify(files.write("huge.cbor", huge)), "is larger than 1 MiB");
        assertUnreadable(Cli.runWithInput(new byte[0], "verify", "--pcr", PINNED_PCR0, "-"),
                "standard input is empty");
    }

    @Test
    void aDocumentOver16KiBReadsButIsRejectedAsTooLarge() {
        byte[] large = new byte[20_000];
        large[0] = (byte) 0x84;
        Cli.Result result = verify(files.write("large.cbor", large));
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.out().contains(" TOO_LARGE: "), result::toString);
    }

    @Test
    void anUnreadableFileOutweighsARejectedOneAndTheOthersAreStillVerified() {
        String document = files.write("document.cbor", DOCUMENT);
        String debug = files.write("debug.cbor", TestFiles.builder().debugMode().build());
        String missing = files.path("missing.cbor").toString();
        Cli.Result result = verify(document, missing, debug);
        assertAll(
                () -> assertEquals(3, result.exitCode(), result::toString),
                () -> assertEquals(2, result.outLines().size(), "no line for the file that could not be read"),
                () -> assertTrue(result.outLines().get(0).startsWith("VERIFIED " + document)),
                () -> assertTrue(result.outLines().get(1).startsWith("REJECTED " + debug)),
                () -> assertEquals(List.of("nitro-attest: cannot read " + missing
                        + ": there is no such file; check the path."), result.errLines()));
        assertEquals(3, verify(missing, document).exitCode(), "3 wins over 0 too");
    }
}
