package dev.nitroattest.cli;

import static dev.nitroattest.cli.Cli.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.testkit.DocumentBuilder;
import dev.nitroattest.testkit.EifWriter;
import dev.nitroattest.testkit.IssuedCertificate;
import dev.nitroattest.testkit.TestCertificates;
import dev.nitroattest.testkit.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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
    void maxAgeWithAtJudgesTheAgeAtThatTime() {
        Instant documentTime = TestFiles.DOCUMENT_TIME;
        String fortyMinutesLater = documentTime.plus(Duration.ofMinutes(40)).toString();
        Cli.Result tooOld = Cli.run("verify", "--trust-anchor", root, "--at", fortyMinutesLater, "--max-age", "30m",
                document);
        assertRejected(tooOld, "DOCUMENT_TOO_OLD");
        assertEquals(0, Cli.run("verify", "--trust-anchor", root, "--at", fortyMinutesLater, "--max-age", "45m",
                document).exitCode());
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

        Cli.Result absent = Cli.run("verify", "--trust-anchor", root, "--at-document-time", "--pcr", "0=" + pcr0,
                "--pcr", "20=" + other, document);
        assertTrue(absent.out().contains("PCR_MISMATCH: The document has no PCR20"), absent::toString);
    }

    @Test
    void pcrPinsOfOnlyTheParentsPcr3AndPcr4AreAUsageError() throws Exception {
        Cli.Result parentOnly = Cli.run("verify", "--trust-anchor", root, "--at-document-time", "--pcr",
                "3=" + pcrHex(3), "--pcr", "4=" + pcrHex(4), document);
        assertEquals(2, parentOnly.exitCode(), parentOnly::toString);
        assertTrue(parentOnly.err().contains("--pcr pins only PCR3, PCR4, none of which measures the enclave image, "
                + "so every image on that parent would pass; pin PCR0, 1, 2 or 8 as well."), parentOnly::toString);
        Cli.Result withImage = Cli.run("verify", "--trust-anchor", root, "--at-document-time", "--pcr",
                "3=" + pcrHex(3), "--pcr", "8=" + pcrHex(8), document);
        assertEquals(0, withImage.exitCode(), withImage::toString);
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
    void pcrsFromEifRejectsAWrongPcr0OrAWrongPcr1NamingThePcr() throws Exception {
        EifWriter image = EifWriter.minimal().ramdisk(EifWriter.pattern("application", 2000));
        String eif = image.writeTo(files.path("app.eif")).toString();
        SortedMap<Integer, byte[]> pcrs = image.expectedPcrs();
        byte[] other = EifWriter.measure(List.of("another image".getBytes(StandardCharsets.US_ASCII)));
        String wrongPcr0 = files.write("wrong-pcr0.cbor", TestFiles.builder()
                .pcr(0, other).pcr(1, pcrs.get(1)).pcr(2, pcrs.get(2)).build());
        String wrongPcr1 = files.write("wrong-pcr1.cbor", TestFiles.builder()
                .pcr(0, pcrs.get(0)).pcr(1, other).pcr(2, pcrs.get(2)).build());

        Cli.Result result = Cli.run("verify", "--trust-anchor", root, "--at-document-time", "--pcrs-from-eif", eif,
                wrongPcr0, wrongPcr1);
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals(2, result.outLines().size(), result::toString);
        assertTrue(result.outLines().get(0).startsWith("REJECTED " + wrongPcr0 + " PCR_MISMATCH: PCR0 is "
                + HEX.formatHex(other)), result::toString);
        assertTrue(result.outLines().get(1).startsWith("REJECTED " + wrongPcr1 + " PCR_MISMATCH: PCR1 is "
                + HEX.formatHex(other)), result::toString);
    }

    /** The documented rule (--help of --pcrs-from-eif): a PCR pinned by both options accepts either value. */
    @Test
    void aPcrPinnedByBothPcrAndPcrsFromEifAcceptsEitherValueAndNoOther() throws Exception {
        EifWriter image = EifWriter.minimal().ramdisk(EifWriter.pattern("application", 2000));
        String eif = image.writeTo(files.path("app.eif")).toString();
        SortedMap<Integer, byte[]> pcrs = image.expectedPcrs();
        byte[] pinned = EifWriter.measure(List.of("the value --pcr pins".getBytes(StandardCharsets.US_ASCII)));
        byte[] neither = EifWriter.measure(List.of("neither".getBytes(StandardCharsets.US_ASCII)));
        String imagePcr0 = files.write("image-pcr0.cbor", TestFiles.builder()
                .pcr(0, pcrs.get(0)).pcr(1, pcrs.get(1)).pcr(2, pcrs.get(2)).build());
        String pinnedPcr0 = files.write("pinned-pcr0.cbor", TestFiles.builder()
                .pcr(0, pinned).pcr(1, pcrs.get(1)).pcr(2, pcrs.get(2)).build());
        String neitherPcr0 = files.write("neither-pcr0.cbor", TestFiles.builder()
                .pcr(0, neither).pcr(1, pcrs.get(1)).pcr(2, pcrs.get(2)).build());

        Cli.Result result = Cli.run("verify", "--trust-anchor", root, "--at-document-time", "--pcrs-from-eif", eif,
                "--pcr", "0=" + HEX.formatHex(pinned), imagePcr0, pinnedPcr0, neitherPcr0);
        assertEquals(1, result.exitCode(), result::toString);
        assertEquals(List.of(verifiedLine(imagePcr0), verifiedLine(pinnedPcr0)), result.outLines().subList(0, 2));
        assertTrue(result.outLines().get(2).startsWith("REJECTED " + neitherPcr0 + " PCR_MISMATCH: PCR0 is "
                + HEX.formatHex(neither)), result::toString);
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
    void aMatchingPcrOnANitroTpmDocumentIsAcceptedAndAWrongOneRejected() throws Exception {
        byte[] tpmDocument = TestFiles.builder().nitroTpm().build();
        String tpm = files.write("tpm.cbor", tpmDocument);
        AttestationDocument parsed = AttestationDocument.parse(tpmDocument);
        String pcr7 = parsed.pcrs().get(7).orElseThrow().toHex();
        Cli.Result matching = Cli.run("verify", "--trust-anchor", root, "--at-document-time", "--nitrotpm", "--pcr",
                "7=" + pcr7, tpm);
        assertEquals(new Cli.Result(0, "VERIFIED " + tpm + " module=" + parsed.moduleId()
                + " time=2026-03-02T11:00:00Z\n", ""), matching);
        assertRejected(Cli.run("verify", "--trust-anchor", root, "--at-document-time", "--nitrotpm", "--pcr",
                "7=" + "ab".repeat(48), tpm), "PCR_MISMATCH");
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
        // r = s = 0x0101...: in range, so the document parses, and not the leaf's signature.
        byte[] wrongSignature = new byte[96];
        Arrays.fill(wrongSignature, (byte) 1);
        String tampered = files.write("tampered.cbor", TestFiles.builder().signature(wrongSignature).build());
        Cli.Result result = Cli.run("verify", "--trust-anchor", root, "--at-document-time", tampered);
        String line = result.outLines().get(0);
        assertTrue(line.matches("REJECTED \\S+ BAD_SIGNATURE: [A-Z].*\\."), line);
        assertNoStackTrace(result);
    }

    @Test
    void aCertificateNameCannotForgeALineOrReachTheTerminalRaw() {
        String forging = files.write("forging.cbor", signedByLeafNamed("evil\nVERIFIED x.cbor \u001b[2K\u202e\u2028"));
        Instant afterTheLeaf = TestFiles.PKI.leaf().notAfter().plusSeconds(1);
        Cli.Result result = Cli.run("verify", "--trust-anchor", root, "--at", afterTheLeaf.toString(), forging);
        assertRejected(result, "CERTIFICATE_EXPIRED");
        String line = result.outLines().get(0);
        assertAll(
                () -> assertTrue(line.contains("CN=evil\\nVERIFIED x.cbor \\x1b[2K\\u202e\\u2028"), line),
                () -> assertEquals(-1, result.out().indexOf('\u001b'), line),
                () -> assertEquals(-1, result.out().indexOf('\u202e'), line),
                () -> assertEquals(-1, result.out().indexOf('\u2028'), line));
    }

    @Test
    void aModuleIdCannotForgeALineOrShiftTheFields() {
        String forging = files.write("module.cbor", TestFiles.builder()
                .moduleId("i-1\nVERIFIED x.cbor module=m time=t\tx\\").build());
        Cli.Result text = Cli.run("verify", "--trust-anchor", root, "--at-document-time", forging);
        assertEquals(List.of("VERIFIED " + forging + " module=i-1\\nVERIFIED\\x20x.cbor\\x20module=m\\x20time=t"
                + "\\tx\\\\ time=2026-03-02T11:00:00Z"), text.outLines());
        assertEquals(4, text.outLines().get(0).split(" ").length, "VERIFIED, file, module, time");
    }

    @Test
    void fileNamesAreOneFieldEscapedWhateverTheyHold() {
        String spaced = files.write("my document\u001b.cbor", TestFiles.builder().debugMode().build());
        String escaped = spaced.replace(" ", "\\x20").replace("\u001b", "\\x1b");
        Cli.Result result = Cli.run("verify", "--trust-anchor", root, "--at-document-time", spaced);
        assertEquals(1, result.outLines().size(), result::toString);
        assertTrue(result.out().startsWith("REJECTED " + escaped + " DEBUG_ENCLAVE: "), result::toString);
        assertEquals("DEBUG_ENCLAVE:", result.outLines().get(0).split(" ")[2], "the reason is the third field");

        Cli.Result missing = Cli.run("verify", "--pcr", "0=" + "00".repeat(48), files.path("a\nb.cbor").toString());
        Cli.assertUnreadable(missing, "a\\nb.cbor: there is no such file");
    }

    /** The standard document, signed by a leaf like the standard one but with this common name. */
    private static byte[] signedByLeafNamed(String commonName) {
        IssuedCertificate leaf = TestCertificates.issue(TestFiles.PKI.leaf().spec().toBuilder()
                .subject("C=US, O=nitro-attest, OU=TEST ONLY, CN=" + commonName).build());
        return DocumentBuilder.withSigner(TestFiles.PKI.leaf().key(), leaf.der(), TestFiles.PKI.cabundle())
                .moduleId(MODULE_ID).timestamp(TestFiles.DOCUMENT_TIME).build();
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
