package dev.nitroattest.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.testkit.CborWriter;
import dev.nitroattest.testkit.DocumentBuilder;
import dev.nitroattest.testkit.IssuedCertificate;
import dev.nitroattest.testkit.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inspect}: every field decoded, marked NOT VERIFIED, as text or JSON; it never verifies. */
class InspectCommandTest {
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path directory;
    private TestFiles files;
    private String document;

    @BeforeEach
    void writeFiles() {
        files = new TestFiles(directory);
        document = files.write("document.cbor", TestFiles.builder()
                .nonce("challenge 7".getBytes(StandardCharsets.UTF_8))
                .userData(new byte[] {0, 1, 2, (byte) 0xff})
                .extraField("vendor_note", new CborWriter().text("hi").toByteArray())
                .build());
    }

    private static String sha256(byte[] der) throws Exception {
        return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }

    private static String valueOf(List<String> lines, String label) {
        return lines.stream().filter(line -> line.startsWith(label + ":")).findFirst()
                .map(line -> line.substring(label.length() + 1).strip())
                .orElseThrow(() -> new AssertionError("no line " + label + " in " + lines));
    }

    @Test
    void textStartsWithNotVerifiedAndShowsEveryField() throws Exception {
        Cli.Result result = Cli.run("inspect", document);
        List<String> lines = result.outLines();
        String leafFingerprint = sha256(TestFiles.PKI.leaf().der());
        assertAll(
                () -> assertEquals(0, result.exitCode(), result::toString),
                () -> assertEquals("", result.err()),
                () -> assertTrue(lines.get(0).startsWith("NOT VERIFIED:"), lines.get(0)),
                () -> assertEquals(TestFiles.PKI.moduleId(), valueOf(lines, "module_id")),
                () -> assertEquals("SHA384", valueOf(lines, "digest")),
                () -> assertEquals("2026-03-02T11:00:00Z (" + TestFiles.DOCUMENT_TIME.toEpochMilli() + " ms)",
                        valueOf(lines, "timestamp")),
                () -> assertEquals("16 registers", valueOf(lines, "pcrs")),
                () -> assertTrue(valueOf(lines, "  PCR0").matches("[0-9a-f]{96}")),
                () -> assertEquals(leafFingerprint, valueOf(lines, "  sha256")),
                () -> assertEquals("2026-03-02T13:00:00Z", valueOf(lines, "  not_after")),
                () -> assertEquals("4 certificates, root first", valueOf(lines, "cabundle")),
                () -> assertEquals(sha256(TestFiles.PKI.root().der()), valueOf(lines, "    sha256")),
                () -> assertEquals("none", valueOf(lines, "public_key")),
                () -> assertEquals("000102ff (4 bytes)", valueOf(lines, "user_data")),
                () -> assertEquals(HEX.formatHex("challenge 7".getBytes(StandardCharsets.UTF_8)) + " (11 bytes)",
                        valueOf(lines, "nonce")),
                () -> assertEquals("\"challenge 7\"", valueOf(lines, "  as text")),
                () -> assertEquals(1, lines.stream().filter(line -> line.startsWith("  as text:")).count(),
                        "user_data is not printable, so it has no text line"),
                () -> assertEquals("626869", valueOf(lines, "  vendor_note")),
                () -> assertTrue(valueOf(lines, "signature").matches("[0-9a-f]{192}")));
    }

    @Test
    void jsonSaysVerifiedFalseAndCarriesEveryField() throws Exception {
        Cli.Result result = Cli.run("inspect", "--json", document);
        assertEquals(1, result.outLines().size(), result::toString);
        Map<String, Object> json = JsonTestReader.object(result.out());
        Map<?, ?> certificate = (Map<?, ?>) json.get("certificate");
        List<?> cabundle = (List<?>) json.get("cabundle");
        assertAll(
                () -> assertEquals("verified", json.keySet().iterator().next(), "the first thing a reader sees"),
                () -> assertEquals(false, json.get("verified")),
                () -> assertEquals("cbor", json.get("format")),
                () -> assertEquals(TestFiles.PKI.moduleId(), json.get("module_id")),
                () -> assertEquals(TestFiles.DOCUMENT_TIME.toEpochMilli(), json.get("timestamp_ms")),
                () -> assertEquals(false, json.get("tagged")),
                () -> assertEquals(16, ((Map<?, ?>) json.get("pcrs")).size()),
                () -> assertEquals(sha256(TestFiles.PKI.leaf().der()), certificate.get("sha256_fingerprint")),
                () -> assertEquals(HEX.formatHex(TestFiles.PKI.leaf().der()), certificate.get("der")),
                () -> assertEquals(4, cabundle.size()),
                () -> assertTrue(((String) ((Map<?, ?>) cabundle.get(0)).get("subject")).contains("test-root")),
                () -> assertNull(json.get("public_key")),
                () -> assertEquals("000102ff", json.get("user_data")),
                () -> assertNull(json.get("user_data_text")),
                () -> assertEquals("challenge 7", json.get("nonce_text")),
                () -> assertEquals(Map.of("vendor_note", "626869"), json.get("unknown_fields")));
    }

    @Test
    void documentsThatFailVerificationAreInspectedAllTheSame() {
        // r = s = 0x0101...: in range, so the document parses, and not the leaf's signature.
        byte[] wrongSignature = new byte[96];
        Arrays.fill(wrongSignature, (byte) 1);
        String forged = files.write("forged.cbor", TestFiles.builder().signature(wrongSignature).build());
        String debug = files.write("debug.cbor", TestFiles.builder().debugMode().build());
        Cli.Result forgedResult = Cli.run("inspect", forged);
        assertEquals(0, forgedResult.exitCode(), forgedResult::toString);
        assertEquals("01".repeat(96), valueOf(forgedResult.outLines(), "signature"));
        Cli.Result debugResult = Cli.run("inspect", debug);
        assertEquals("yes: PCR0, PCR1 and PCR2 are all zero", valueOf(debugResult.outLines(), "debug enclave"));
    }

    @Test
    void aCertificateThatDoesNotDecodeIsShownAsItsBytes() {
        String odd = files.write("odd.cbor", TestFiles.builder().certificate(new byte[] {0x30, 0x03, 1, 2, 3})
                .build());
        Cli.Result result = Cli.run("inspect", odd);
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("not a decodable X.509 certificate (5 bytes): 3003010203", valueOf(result.outLines(), "  der"));
        Map<?, ?> certificate = (Map<?, ?>) JsonTestReader.object(Cli.run("inspect", "--json", odd).out())
                .get("certificate");
        assertEquals(Map.of("der", "3003010203"), certificate);
    }

    @Test
    void nitroTpmAndTaggedDocumentsSayWhatTheyAre() {
        String tpm = files.write("tpm.cbor", TestFiles.builder().nitroTpm().tagged(true).build());
        Cli.Result result = Cli.run("inspect", tpm);
        assertEquals("NitroTPM (nitrotpm_pcrs)", valueOf(result.outLines(), "kind"));
        assertEquals("COSE_Sign1 with tag 18", valueOf(result.outLines(), "cose"));
        assertEquals("nitro_tpm", JsonTestReader.object(Cli.run("inspect", "--json", tpm).out()).get("kind"));
    }

    @Test
    void aFileThatIsNotAWellFormedDocumentIsExitStatus1AndOneSentence() {
        Cli.Result result = Cli.run("inspect", files.write("truncated.cbor", new byte[] {(byte) 0x84, 0x40}));
        Cli.assertNoStackTrace(result);
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("", result.out());
        assertEquals(1, result.errLines().size(), result::toString);
        assertTrue(result.err().matches("nitro-attest: \\S+ is not a well-formed attestation document \\(MALFORMED: "
                + ".+\\); check that the file is complete\\.\\R"), result::toString);
    }

    @Test
    void namesAndTextFromTheDocumentCannotAddLinesOrReachTheTerminalRaw() {
        IssuedCertificate leaf = TestCertificates.issue(TestFiles.PKI.leaf().spec().toBuilder()
                .subject("C=US, CN=evil\nVERIFIED x.cbor \u001b[2K\u202e").build());
        String odd = files.write("odd.cbor", DocumentBuilder.withSigner(TestFiles.PKI.leaf().key(), leaf.der(),
                TestFiles.PKI.cabundle()).moduleId("i-1\nmodule_id: forged\u2028").nonce("line\nbreak".getBytes(
                        StandardCharsets.UTF_8)).extraField("key\nforged: x", new CborWriter().text("hi").toByteArray())
                .build());
        Cli.Result plain = Cli.run("inspect", files.write("plain.cbor", TestFiles.builder()
                .nonce("line break".getBytes(StandardCharsets.UTF_8)).extraField("key", new CborWriter().text("hi")
                        .toByteArray()).build()));
        Cli.Result result = Cli.run("inspect", odd);
        List<String> lines = result.outLines();
        assertAll(
                () -> assertEquals(0, result.exitCode(), result::toString),
                () -> assertEquals(plain.outLines().size(), lines.size(), "no line more than for a plain document"),
                () -> assertEquals("C=US,CN=evil\\nVERIFIED x.cbor \\x1b[2K\\u202e", valueOf(lines, "  subject")),
                () -> assertEquals("i-1\\nmodule_id: forged\\u2028", valueOf(lines, "module_id")),
                () -> assertEquals("\"line\\nbreak\"", valueOf(lines, "  as text")),
                () -> assertEquals("626869", valueOf(lines, "  key\\nforged: x")),
                () -> assertTrue(result.out().codePoints().allMatch(c -> c == '\n' || c >= 0x20 && c < 0x7f),
                        result::out));
    }

    @Test
    void unreadableFilesAreExitStatus3() {
        Cli.assertUnreadable(Cli.run("inspect", files.path("absent.cbor").toString()), "there is no such file");
        Cli.assertUnreadable(Cli.run("inspect", files.write("prose.txt", "not a document")),
                "is not an attestation document in a known format");
    }

    @Test
    void standardInputAndForcedFormatsWorkAsForVerify() {
        Cli.Result result = Cli.runWithInput(HEX.formatHex(TestFiles.builder().build()).getBytes(
                StandardCharsets.US_ASCII), "inspect", "--format", "hex", "-");
        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(valueOf(result.outLines(), "file").startsWith("- (hex, "), result::out);
        assertFalse(result.out().contains("VERIFIED "));
    }
}
