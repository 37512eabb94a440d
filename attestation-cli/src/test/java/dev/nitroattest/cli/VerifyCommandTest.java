package dev.nitroattest.cli;

import static dev.nitroattest.cli.Cli.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.testkit.EifWriter;
import dev.nitroattest.testkit.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify}: every option, the text output and the exit status. JSON output has its own test. */
class VerifyCommandTest {
    private static final String MODULE_ID = TestFiles.PKI.moduleId();
    private static final String NO_PCR_WARNING = "nitro-attest: warning: no PCR is pinned";
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path directory;
    private TestFiles files;
    private String root;
    private String document;

    @BeforeEach
    void writeFiles() {
        files = new TestFiles(directory);
        root = files.root();
        document = files.document();
    }

    private static String pcrHex(int index) throws Exception {
        return AttestationDocument.parse(TestFiles.builder().build()).pcrs().get(index).orElseThrow().toHex();
    }

    private static String verifiedLine(String file) {
        return "VERIFIED " + file + " module=" + MODULE_ID + " time=2026-03-02T11:00:00Z";
    }

    @Test
    void aDocumentThatVerifiesGetsOneVerifiedLineAndExitStatus0() {
        Cli.Result result = Cli.run("verify", "--trust-anchor", root, "--at-document-time", document);
        assertAll(
                () -> assertEquals(0, result.exitCode(), result::toString),
                () -> assertEquals(List.of(verifiedLine(document)), result.outLines()),
                () -> assertNoStackTrace(result));
    }

    @Test
    void withNoPcrPinnedStandardErrorSaysTheImageWasNotChecked() {
        Cli.Result result = Cli.run("verify", "--trust-anchor", root, "--at-document-time", document);
        assertEquals(1, result.errLines().size(), result::toString);
        assertTrue(result.err().startsWith(NO_PCR_WARNING), result::toString);
        assertTrue(result.err().contains("authenticity is checked but not which enclave image"), result::toString);
    }

    @Test
    void byDefaultDocumentsAreVerifiedAtTheTerminalsPresentTime() {
        Instant insideValidity = TestFiles.DOCUMENT_TIME.plus(Duration.ofMinutes(30));
        assertEquals(0, Cli.runAt(insideValidity, "verify", "--trust-anchor", root, document).exitCode());
        Cli.Result later = Cli.runAt(TestFiles.PKI.chainValidUntil().plusSeconds(1), "verify", "--trust-anchor",
                root, document);
        assertEquals(1, later.exitCode(), later::toString);
        assertTrue(later.out().startsWith("REJECTED " + document + " CERTIFICATE_EXPIRED: "), later::toString);
    }

    @Test
    void atTakesAnIsoInstantAnOffsetDateTimeOrEpochMilliseconds() {
        for (String time : List.of("2026-03-02T12:00:00Z", "2026-03-02T13:00:00+01:00",
                Long.toString(Instant.parse("2026-03-02T12:59:00Z").toEpochMilli()))) {
            Cli.Result result = Cli.run("verify", "--trust-anchor", root, "--at", time, document);
            assertEquals(0, result.exitCode(), () -> time + ": " + result);
        }
        Cli.Result early = Cli.run("verify", "--trust-anchor", root, "--at", "2026-03-02T09:59:59Z", document);
        assertTrue(early.out().startsWith("REJECTED " + document + " CERTIFICATE_NOT_YET_VALID: "), early::toString);
        Cli.Result late = Cli.run("verify", "--trust-anchor", root, "--at", "2026-03-02T13:00:01Z", document);
        assertTrue(late.out().startsWith("REJECTED " + document + " CERTIFICATE_EXPIRED: "), late::toString);
    }

    @Test
    void maxAgeRejectsDocumentsOlderThanItAtTheVerificationTime() {
        Instant anHourLater = TestFiles.DOCUMENT_TIME.plus(Duration.ofHours(1));
        Cli.Result tooOld = Cli.runAt(anHourLater, "verify", "--trust-anchor", root, "--max-age", "30m", document);
        assertEquals(1, tooOld.exitCode(), tooOld::toString);
        assertTrue(tooOld.out().contains(" DOCUMENT_TOO_OLD: "), tooOld::toString);
        for (String age : List.of("2h", "PT90M", "7200s", "1d")) {
            assertEquals(0, Cli.runAt(anHourLater, "verify", "--trust-anchor", root, "--max-age", age, document)
                    .exitCode(), age);
        }
    }

    @Test
    void pcrPinsAValueAndTheSameIndexTwiceAcceptsEither() throws Exception {
        String pcr0 = pcrHex(0);
        String other = "ab".repeat(48);
        Cli.Result pinned = Cli.run("verify", "--trust-anchor", root, "--at-document-time", "--pcr", "0=" + pcr0,
                "--pcr", "1=" + pcrHex(1).toUpperCase(), document);
        assertEquals(0, pinned.exitCode(), pinned::toString);
        assertEquals("", pinned.err(), "no warning once a PCR is pinned");

        Cli.Result mismatch = Cli.run("verify", "--trust-anchor", root, "--at-document-time", "--pcr", "0=" + other,
                document);
        assertEquals(1, mismatch.exitCode(), mismatch::toString);
        assertTrue(mismatch.out().startsWith("REJECTED " + document + " PCR_MISMATCH: PCR0 is " + pcr0),
                mismatch::toString);

        Cli.Result either = Cli.run("verify", "--trust-anchor", root, "--at-document-time", "--pcr", "0=" + other,
                "--pcr", "0=" + pcr0, document);
        assertEquals(0, either.exitCode(), either::toString);

        Cli.Result absent = Cli.run("verify", "--trust-anchor", root, "--at-document-time", "--pcr", "20=" + other,
                document);
        assertTrue(absent.out().contains("PCR_MISMATCH: The document has no PCR20"), absent::toString);
    }

    @Test
    void pcrsFromEifPinsPcr0To2OfAnUnsignedImage() throws Exception {
        EifWriter image = EifWriter.minimal().ramdisk(EifWriter.pattern("application", 2000));
        String eif = image.writeTo(files.path("app.eif")).toString();
        SortedMap<Integer, byte[]> pcrs = image.expectedPcrs();
        String matching = files.write("matching.cbor", TestFiles.builder()
                .pcr(0, pcrs.get(0)).pcr(1, pcrs.get(1)).pcr(2, pcrs.get(2)).build());
        String otherPcr2 = files.write("other-pcr2.cbor", TestFiles.builder()
                .pcr(0, pcrs.get(0)).pcr(1, pcrs.get(1)).build());

        Cli.Result result = Cli.run("verify", "--trust-anchor", root, "--at-document-time", "--pcrs-from-eif", eif,
                matching, otherPcr2);
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("", result.err(), "the image is checked, so no warning");
        assertEquals(verifiedLine(matching), result.outLines().get(0));
        assertTrue(result.outLines().get(1).startsWith("REJECTED " + otherPcr2 + " PCR_MISMATCH: PCR2 is "),
                result::toString);
    }

    @Test
    void pcrsFromEifPinsPcr8TooWhenTheImageIsSigned() throws Exception {
        EifWriter image = EifWriter.minimal().signedBy(TestFiles.PKI.leaf());
        String eif = image.writeTo(files.path("signed.eif")).toString();
        SortedMap<Integer, byte[]> pcrs = image.expectedPcrs();
        String withPcr8 = files.write("with-pcr8.cbor", TestFiles.builder().pcr(0, pcrs.get(0)).pcr(1, pcrs.get(1))
                .pcr(2, pcrs.get(2)).pcr(8, pcrs.get(8)).build());
        String withoutPcr8 = files.write("without-pcr8.cbor", TestFiles.builder().pcr(0, pcrs.get(0))
                .pcr(1, pcrs.get(1)).pcr(2, pcrs.get(2)).build());

        Cli.Result result = Cli.run("verify", "--trust-anchor", root, "--at-document-time", "--pcrs-from-eif", eif,
                withPcr8, withoutPcr8);
        assertEquals(verifiedLine(withPcr8), result.outLines().get(0), result::toString);
        assertTrue(result.outLines().get(1).contains(" PCR_MISMATCH: PCR8 is "), result::toString);
    }

    @Test
    void nonceUserDataAndPublicKeyMustMatchExactly() {
        byte[] nonce = "challenge-42".getBytes(StandardCharsets.UTF_8);
        byte[] userData = {1, 2, 3};
        byte[] publicKey = {(byte) 0xca, (byte) 0xfe};
        String full = files.write("full.cbor", TestFiles.builder().nonce(nonce).userData(userData)
                .publicKey(publicKey).build());
        String[] base = {"verify", "--trust-anchor", root, "--at-document-time"};

        assertEquals(0, Cli.run(concat(base, "--nonce", HEX.formatHex(nonce), "--user-data", "010203",
                "--public-key", "CAFE", full)).exitCode());
        assertRejected(Cli.run(concat(base, "--nonce", "00", full)), "NONCE_MISMATCH");
        assertRejected(Cli.run(concat(base, "--nonce", "00", document)), "NONCE_MISMATCH");
        assertRejected(Cli.run(concat(base, "--user-data", "0102", full)), "USER_DATA_MISMATCH");
        assertRejected(Cli.run(concat(base, "--public-key", "cafe00", full)), "PUBLIC_KEY_MISMATCH");
        assertRejected(Cli.run(concat(base, "--public-key", "cafe", document)), "PUBLIC_KEY_MISMATCH");
    }

    @Test
    void debugEnclavesAreRejectedUnlessAllowed() {
        String debug = files.write("debug.cbor", TestFiles.builder().debugMode().build());
        assertRejected(Cli.run("verify", "--trust-anchor", root, "--at-document-time", debug), "DEBUG_ENCLAVE");
        assertEquals(0, Cli.run("verify", "--trust-anchor", root, "--at-document-time", "--allow-debug", debug)
                .exitCode());
    }

    @Test
    void nitroTpmSwitchesWhichKindOfDocumentIsAccepted() {
        String tpm = files.write("tpm.cbor", TestFiles.builder().nitroTpm().build());
        assertRejected(Cli.run("verify", "--trust-anchor", root, "--at-document-time", tpm), "WRONG_DOCUMENT_KIND");
        Cli.Result accepted = Cli.run("verify", "--trust-anchor", root, "--at-document-time", "--nitrotpm", tpm);
        assertEquals(0, accepted.exitCode(), accepted::toString);
        assertRejected(Cli.run("verify", "--trust-anchor", root, "--at-document-time", "--nitrotpm", document),
                "WRONG_DOCUMENT_KIND");
    }

    @Test
    void theDefaultAnchorIsTheAwsRootAndTrustAnchorsAddUp() {
        assertRejected(Cli.run("verify", "--at-document-time", document), "UNTRUSTED_CHAIN");
        String otherRoot = files.write("other-root.pem",
                TestPki.create("another seed", TestPki.STANDARD_LEAF_NOT_BEFORE).rootPem());
        assertRejected(Cli.run("verify", "--trust-anchor", otherRoot, "--at-document-time", document),
                "UNTRUSTED_CHAIN");
        assertEquals(0, Cli.run("verify", "--trust-anchor", otherRoot, "--trust-anchor", root, "--at-document-time",
                document).exitCode());
    }

    @Test
    void quietPrintsNothingButTheExitStatusStillTells() {
        Cli.Result verified = Cli.run("verify", "--quiet", "--trust-anchor", root, "--at-document-time", document);
        assertEquals(new Cli.Result(0, "", ""), verified);
        Cli.Result rejected = Cli.run("verify", "--quiet", "--at-document-time", document);
        assertEquals(new Cli.Result(1, "", ""), rejected);
    }

    @Test
    void severalFilesGetOneLineEachInOrderAndOneRejectionMakesTheStatus1() {
        String debug = files.write("debug.cbor", TestFiles.builder().debugMode().build());
        Cli.Result result = Cli.run("verify", "--trust-anchor", root, "--at-document-time", document, debug,
                document);
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals(3, result.outLines().size(), result::toString);
        assertEquals(verifiedLine(document), result.outLines().get(0));
        assertTrue(result.outLines().get(1).startsWith("REJECTED " + debug + " DEBUG_ENCLAVE: "));
        assertEquals(verifiedLine(document), result.outLines().get(2));
    }

    @Test
    void rejectedLinesCarryTheReasonCodeAndOneSentence() {
        String tampered = files.write("tampered.cbor", TestFiles.builder().signature(new byte[96]).build());
        Cli.Result result = Cli.run("verify", "--trust-anchor", root, "--at-document-time", tampered);
        String line = result.outLines().get(0);
        assertTrue(line.matches("REJECTED \\S+ BAD_SIGNATURE: [A-Z].*\\."), line);
        assertNoStackTrace(result);
    }

    private static void assertRejected(Cli.Result result, String reason) {
        assertAll(
                () -> assertEquals(1, result.exitCode(), result::toString),
                () -> assertEquals(1, result.outLines().size(), result::toString),
                () -> assertTrue(result.outLines().get(0).matches("REJECTED \\S+ " + reason + ": .+"),
                        result::toString),
                () -> assertNoStackTrace(result));
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = new String[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
