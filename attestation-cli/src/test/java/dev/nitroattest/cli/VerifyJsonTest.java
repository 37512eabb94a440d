package dev.nitroattest.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.AttestationDocument;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify --json}: one object per file and line, with the same keys whatever the outcome. */
class VerifyJsonTest {
    private static final Set<String> KEYS = Set.of("file", "verified", "reason", "detail", "field",
            "certificate_index", "kind", "module_id",
            "timestamp", "digest", "debug_enclave", "pcrs", "public_key", "user_data", "nonce", "certificate",
            "verification_time");

    @TempDir
    Path directory;
    private TestFiles files;
    private String root;

    @BeforeEach
    void writeFiles() {
        files = new TestFiles(directory);
        root = files.root();
    }

    private List<Map<String, Object>> verifyJson(String... documents) {
        return verifyJson(0, documents);
    }

    /** Runs verify --json under the embedded AWS root, which the test kit's documents do not chain to. */
    private static List<Map<String, Object>> verifyJsonUnder(String document) {
        Cli.Result result = Cli.run("verify", "--json", "--at-document-time", document);
        Cli.assertNoStackTrace(result);
        return result.outLines().stream().map(JsonTestReader::object).toList();
    }

    /** Runs verify --json, expecting this many of the files to be unreadable (so standard error to hold as many). */
    private List<Map<String, Object>> verifyJson(int unreadable, String... documents) {
        String[] args = new String[5 + documents.length];
        System.arraycopy(new String[] {"verify", "--json", "--trust-anchor", root, "--at-document-time"}, 0, args, 0,
                5);
        System.arraycopy(documents, 0, args, 5, documents.length);
        Cli.Result result = Cli.run(args);
        Cli.assertNoStackTrace(result);
        assertEquals(unreadable, result.errLines().stream().filter(line -> !line.contains("warning: ")).count(),
                result::toString);
        List<String> lines = result.outLines();
        assertEquals(documents.length, lines.size(), result::toString);
        return lines.stream().map(JsonTestReader::object).toList();
    }

    @Test
    void aVerifiedDocumentShowsEveryFieldAndItsLeafCertificate() throws Exception {
        byte[] nonce = "nonce-1".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = TestFiles.builder().nonce(nonce).userData(new byte[0]).build();
        String document = files.write("document.cbor", bytes);
        Map<String, Object> json = verifyJson(document).get(0);
        AttestationDocument parsed = AttestationDocument.parse(bytes);

        @SuppressWarnings("unchecked")
        Map<String, Object> pcrs = (Map<String, Object>) json.get("pcrs");
        @SuppressWarnings("unchecked")
        Map<String, Object> certificate = (Map<String, Object>) json.get("certificate");
        byte[] leaf = TestFiles.PKI.leaf().der();
        assertAll(
                () -> assertEquals(KEYS, json.keySet()),
                () -> assertEquals(document, json.get("file")),
                () -> assertEquals(true, json.get("verified")),
                () -> assertNull(json.get("reason")),
                () -> assertNull(json.get("detail")),
                () -> assertEquals("enclave", json.get("kind")),
                () -> assertEquals(TestFiles.PKI.moduleId(), json.get("module_id")),
                () -> assertEquals("2026-03-02T11:00:00Z", json.get("timestamp")),
                () -> assertEquals("2026-03-02T11:00:00Z", json.get("verification_time")),
                () -> assertEquals("SHA384", json.get("digest")),
                () -> assertEquals(false, json.get("debug_enclave")),
                () -> assertEquals(16, pcrs.size()),
                () -> assertEquals(parsed.pcrs().get(4).orElseThrow().toHex(), pcrs.get("4")),
                () -> assertNull(json.get("public_key")),
                () -> assertEquals("", json.get("user_data"), "an empty user_data is not an absent one"),
                () -> assertEquals(HexFormat.of().formatHex(nonce), json.get("nonce")),
                () -> assertTrue(((String) certificate.get("subject")).contains("CN=i-0123456789abcdef0-enc")),
                () -> assertTrue(((String) certificate.get("issuer")).contains("CN=i-0123456789abcdef0.us-test-1")),
                () -> assertEquals("2026-03-02T10:00:00Z", certificate.get("not_before")),
                () -> assertEquals("2026-03-02T13:00:00Z", certificate.get("not_after")),
                () -> assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(leaf)),
                        certificate.get("sha256_fingerprint")));
    }

    @Test
    void aRejectedDocumentThatParsedShowsItsReasonDetailAndUnverifiedFields() {
        String debug = files.write("debug.cbor", TestFiles.builder().debugMode().build());
        Map<String, Object> json = verifyJson(debug).get(0);
        assertAll(
                () -> assertEquals(KEYS, json.keySet()),
                () -> assertEquals(false, json.get("verified")),
                () -> assertEquals("DEBUG_ENCLAVE", json.get("reason")),
                () -> assertEquals("pcrs", json.get("field")),
                () -> assertNull(json.get("certificate_index")),
                () -> assertTrue(((String) json.get("detail")).startsWith("PCR0, PCR1 and PCR2 are all zero")),
                () -> assertEquals(TestFiles.PKI.moduleId(), json.get("module_id")),
                () -> assertEquals(true, json.get("debug_enclave")),
                () -> assertEquals("2026-03-02T10:00:00Z",
                        ((Map<?, ?>) json.get("certificate")).get("not_before")));
    }

    @Test
    void aChainFaultNamesTheBundleAndTheCertificatesIndex() {
        String document = files.write("other-root.cbor", TestFiles.builder().build());
        Map<String, Object> json = verifyJsonUnder(document).get(0);
        assertAll(
                () -> assertEquals(KEYS, json.keySet()),
                () -> assertEquals("UNTRUSTED_CHAIN", json.get("reason")),
                () -> assertEquals("cabundle", json.get("field")),
                () -> assertEquals(0L, ((Number) json.get("certificate_index")).longValue()));
    }

    @Test
    void aDocumentThatDidNotParseHasNullsForEverythingItCouldNotShow() {
        String truncated = files.write("truncated.cbor", new byte[] {(byte) 0x84, 0x44});
        Map<String, Object> json = verifyJson(truncated).get(0);
        assertEquals(KEYS, json.keySet());
        assertEquals(false, json.get("verified"));
        assertEquals("MALFORMED", json.get("reason"));
        for (String key : Set.of("kind", "module_id", "timestamp", "digest", "debug_enclave", "pcrs", "public_key",
                "user_data", "nonce", "certificate", "verification_time")) {
            assertTrue(json.containsKey(key) && json.get(key) == null, key);
        }
    }

    @Test
    void severalFilesGiveOneObjectPerLineInOrder() {
        String document = files.document();
        String debug = files.write("debug.cbor", TestFiles.builder().debugMode().build());
        List<Map<String, Object>> objects = verifyJson(document, debug, document);
        assertEquals(List.of(true, false, true), objects.stream().map(json -> json.get("verified")).toList());
        assertEquals(List.of(document, debug, document), objects.stream().map(json -> json.get("file")).toList());
    }

    @Test
    void anUnreadableFileGetsAnUnreadableObjectInItsPlaceAndStatus3() throws Exception {
        String document = files.document();
        String absent = files.path("absent.cbor").toString();
        String prose = files.write("prose.txt", "not a document");
        List<Map<String, Object>> objects = verifyJson(2, document, absent, prose);
        assertEquals(List.of(document, absent, prose), objects.stream().map(json -> json.get("file")).toList());
        for (Map<String, Object> json : objects.subList(1, 3)) {
            assertAll(String.valueOf(json.get("file")),
                    () -> assertEquals(KEYS, json.keySet()),
                    () -> assertEquals(false, json.get("verified")),
                    () -> assertEquals("UNREADABLE", json.get("reason")),
                    () -> assertTrue(((String) json.get("detail")).endsWith("."), () -> json.get("detail") + ""),
                    () -> {
                        for (String key : KEYS) {
                            if (!Set.of("file", "verified", "reason", "detail").contains(key)) {
                                assertNull(json.get(key), key);
                            }
                        }
                    });
        }
        assertEquals("cannot read " + absent + ": there is no such file; check the path.",
                objects.get(1).get("detail"));
        assertTrue(((String) objects.get(2).get("detail"))
                .contains("is not an attestation document in a known format"));

        Cli.Result result = Cli.run("verify", "--json", "--trust-anchor", root, "--at-document-time", document, absent);
        assertEquals(3, result.exitCode(), result::toString);
        assertEquals("nitro-attest: " + objects.get(1).get("detail"), result.errLines().get(1),
                "standard error says it too, as without --json");
        assertTrue(Cli.run("verify", "--help").out().contains("reason UNREADABLE"), "--help documents it");
    }

    @Test
    void stringsThatATerminalOrALineReaderWouldActOnAreEscapedAndReadBackIntact() {
        // U+E0041 is a tag character: invisible, and beyond U+FFFF, where Jackson hands over surrogates one by one.
        String moduleId = "i-1\nVERIFIED x\u001b[2K\u009b\u2028\u2029\u202e\u007f\udb40\udc41";
        String document = files.write("module.cbor", TestFiles.builder().moduleId(moduleId).build());
        Cli.Result result = Cli.run("verify", "--json", "--trust-anchor", root, "--at-document-time", document);
        String out = result.out();
        assertAll(
                () -> assertEquals(0, result.exitCode(), result::toString),
                () -> assertEquals(1, out.split("[\\n\\r\\u2028\\u2029\\u0085]", -1).length - 1,
                        "one line, also to readers that split on U+2028 (Python's splitlines): " + out),
                () -> assertTrue(out.codePoints().allMatch(c -> c == '\n' || c >= 0x20 && c < 0x7f), out),
                () -> assertTrue(out.contains(
                        "\"i-1\\nVERIFIED x\\u001B[2K\\u009B\\u2028\\u2029\\u202E\\u007F\\uDB40\\uDC41\""),
                        out),
                () -> assertEquals(moduleId, JsonTestReader.object(out).get("module_id")));
    }

    @Test
    void jsonAndTextDescribeTheSameOutcome() {
        String debug = files.write("debug.cbor", TestFiles.builder().debugMode().build());
        Cli.Result text = Cli.run("verify", "--trust-anchor", root, "--at-document-time", debug);
        Cli.Result json = Cli.run("verify", "--json", "--trust-anchor", root, "--at-document-time", debug);
        Map<String, Object> object = JsonTestReader.object(json.out().strip());
        assertEquals(text.exitCode(), json.exitCode());
        assertEquals(text.out().strip(), "REJECTED " + debug + " " + object.get("reason") + ": "
                + object.get("detail"));
        assertFalse(json.out().strip().contains("\n"));
    }
}
