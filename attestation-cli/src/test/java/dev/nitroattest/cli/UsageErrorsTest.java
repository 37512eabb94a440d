package dev.nitroattest.cli;

import static dev.nitroattest.cli.Cli.assertUsageError;

import dev.nitroattest.testkit.EifWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every usage error is exit status 2 with one sentence and a pointer to the help, found before any document is read:
 * the document named in these runs does not even exist, and no run complains about it.
 */
class UsageErrorsTest {
    private static final String PCR = "ab".repeat(48);

    @TempDir
    Path directory;
    private TestFiles files;
    private String absentDocument;

    @BeforeEach
    void writeFiles() {
        files = new TestFiles(directory);
        absentDocument = files.path("never-read.cbor").toString();
    }

    private Cli.Result verify(String... options) {
        String[] args = Arrays.copyOf(new String[] {"verify"}, 1 + options.length + 1);
        System.arraycopy(options, 0, args, 1, options.length);
        args[args.length - 1] = absentDocument;
        return Cli.run(args);
    }

    @Test
    void anUnknownOptionOrCommandOrNoCommandAtAll() {
        assertUsageError(verify("--bogus"), "unknown option: '--bogus'");
        assertUsageError(Cli.run("frobnicate"), "'frobnicate'");
        assertUsageError(Cli.run("verifyy"), "(did you mean verify?)");
        assertUsageError(Cli.run(), "a command is needed: verify, inspect, pcrs, build-image, speed or tls");
    }

    @Test
    void aMissingFileArgument() {
        assertUsageError(Cli.run("verify", "--at-document-time"), "missing required parameter: 'FILE'");
        assertUsageError(Cli.run("inspect"), "missing required parameter: 'FILE'");
        assertUsageError(Cli.run("pcrs"), "missing required parameter: 'IMAGE.eif'");
        assertUsageError(Cli.run("inspect", "a.cbor", "b.cbor"), "unmatched argument");
    }

    @Test
    void badPcrValues() {
        assertUsageError(verify("--pcr", PCR), "is not INDEX=HEX");
        assertUsageError(verify("--pcr", "x=" + PCR), "the PCR index 'x' is not a number from 0 to 31");
        assertUsageError(verify("--pcr", "32=" + PCR), "the PCR index 32 is outside 0..31");
        assertUsageError(verify("--pcr", "0=" + PCR.substring(2)), "has 94 hex digits; a SHA-384 PCR has 96");
        assertUsageError(verify("--pcr", "0=" + PCR.replaceFirst("a", "g")), "is not hexadecimal");
        assertUsageError(verify("--nitrotpm", "--pcr", "24=" + PCR), "NitroTPM documents have PCRs 0 to 23");
    }

    @Test
    void badTimesDurationsAndHex() {
        assertUsageError(verify("--at", "yesterday"), "'yesterday' is neither an ISO-8601 time");
        assertUsageError(verify("--at", "99999999999999999999"), "too large");
        assertUsageError(verify("--at", "2026-03-02T10:00:00Z", "--at-document-time"),
                "--at and --at-document-time cannot be combined");
        assertUsageError(verify("--max-age", "5 minutes"), "is not a duration; write it like 30s");
        assertUsageError(verify("--max-age", "0s"), "is not a positive duration");
        assertUsageError(verify("--nonce", "xyz"), "'xyz' is not hexadecimal");
        assertUsageError(verify("--user-data", "abc"), "odd number of hex digits");
        assertUsageError(verify("--format", "json"), "expected one of");
    }

    @Test
    void optionsThatCannotBeCombined() {
        assertUsageError(verify("--json", "--quiet"), "--json and --quiet cannot be combined");
        assertUsageError(Cli.run("verify", "-", "-"), "standard input (-) can be read only once");
        assertUsageError(verify("--at-document-time", "--max-age", "5m"),
                "--max-age cannot be combined with --at-document-time, at which every document's age is 0; give "
                        + "--at TIME to judge the age at that time, or leave --max-age out.");
        assertUsageError(verify("--nitrotpm", "--pcrs-from-eif", files.write("app.eif", EifWriter.minimal().build())),
                "--pcrs-from-eif cannot be combined with --nitrotpm: an enclave image's PCRs are not NitroTPM PCRs;");
    }

    @Test
    void unusableTrustAnchors() throws Exception {
        assertUsageError(verify("--trust-anchor", files.path("absent.pem").toString()),
                "the trust anchor file " + files.path("absent.pem") + " does not exist");
        assertUsageError(verify("--trust-anchor", files.write("empty.pem", "")),
                "must hold exactly one certificate; this one holds 0");
        assertUsageError(verify("--trust-anchor", files.write("leaf.pem", TestFiles.PKI.leaf().pem())),
                "is not a CA certificate allowed to sign certificates");
        assertUsageError(verify("--trust-anchor", files.write("two.pem", TestFiles.PKI.rootPem()
                + TestFiles.PKI.regional().pem())), "this one holds 2");
        assertUsageError(verify("--trust-anchor", files.write("broken.pem", "-----BEGIN CERTIFICATE-----\n!!!\n"
                + "-----END CERTIFICATE-----\n")),
                "is not usable: the trust anchor is not a well-formed X.509 certificate;");
        Path folder = Files.createDirectory(files.path("anchors"));
        assertUsageError(verify("--trust-anchor", folder.toString()), "is a directory");
    }

    @Test
    void unusableImagesForPcrsFromEif() {
        assertUsageError(verify("--pcrs-from-eif", files.path("absent.eif").toString()), "does not exist");
        byte[] corrupted = EifWriter.minimal().build();
        corrupted[corrupted.length - 1] ^= 1;
        assertUsageError(verify("--pcrs-from-eif", files.write("corrupted.eif", corrupted)), "CRC-32");
        assertUsageError(verify("--pcrs-from-eif", files.write("document.eif", TestFiles.builder().build())),
                "not an enclave image file");
    }

    @Test
    void badSpeedSettings() {
        assertUsageError(Cli.run("speed", "--seconds", "0"), "--seconds must be more than 0");
        assertUsageError(Cli.run("speed", "--seconds", "abc"),
                "invalid value for option '--seconds': 'abc' is not a number of seconds such as 2 or 0.5.");
        assertUsageError(Cli.run("speed", "--seconds", "NaN"), "'NaN' is not a number of seconds");
        assertUsageError(Cli.run("speed", "--seconds", "1e3"), "'1e3' is not a number of seconds");
        assertUsageError(Cli.run("speed", "--threads", "two"),
                "invalid value for option '--threads': 'two' is not a whole number of threads such as 2.");
        assertUsageError(Cli.run("speed", "--threads", "0"), "--threads must be from 1 to 256");
        assertUsageError(Cli.run("speed", "--trust-anchor", "root.pem"), "--trust-anchor applies to a FILE");
    }

    @Test
    void badBuildImageOptions() {
        String[] required = {"--blobs", "blobs", "--output", "app.eif"};
        assertUsageError(Cli.run(with(required, "--runtime", "r", "--jdk", "j", "--", "/bin/true")),
                "error: --runtime=DIR, --jdk=DIR are mutually exclusive (specify only one)");
        assertUsageError(Cli.run(with(required, "--jar", "a\0b", "--", "/bin/true")),
                "invalid value for option '--jar' (FILE): 'a\\x00b' is not a file name on this system");
        assertUsageError(Cli.run(with(required)), "missing required parameter: 'COMMAND'");
    }

    private static String[] with(String[] required, String... more) {
        String[] args = new String[1 + required.length + more.length];
        args[0] = "build-image";
        System.arraycopy(required, 0, args, 1, required.length);
        System.arraycopy(more, 0, args, 1 + required.length, more.length);
        return args;
    }
}
