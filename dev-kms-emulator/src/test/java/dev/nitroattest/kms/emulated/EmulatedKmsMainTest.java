package dev.nitroattest.kms.emulated;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator's command line: each mistake is one sentence and exit status 2. */
class EmulatedKmsMainTest {
    @TempDir
    Path directory;

    private record Outcome(int status, String err) {}

    private Outcome run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        int status = EmulatedKmsMain.run(args, out, new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void anAddressInUseIsOneSentenceAndStatusOne() throws Exception {
        Path root;
        try (Enclave enclave = new Enclave(1)) {
            root = Files.writeString(directory.resolve("root.pem"), enclave.rootPem());
        }
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Outcome outcome = run("--trust-anchor", root.toString(), "--key", "alias/app", "--listen",
                    "127.0.0.1:" + taken.getLocalPort());
            assertEquals(1, outcome.status(), outcome.err());
            assertEquals("emulated-kms: Cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + " (Address already in use); choose another port.", outcome.err());
        }
    }

    @Test
    void mistakesAreOneSentenceAndStatusTwo() throws Exception {
        Path root;
        try (Enclave enclave = new Enclave(1)) {
            root = Files.writeString(directory.resolve("root.pem"), enclave.rootPem());
        }
        String hex = "ab".repeat(48);
        String[][] cases = {
            {"emulated-kms: Missing required options: '--trust-anchor=PEM', '--key=alias/NAME' (see --help)"},
            {"emulated-kms: --require \"alias/other:ImageSha384=" + hex + "\" names no key given with --key; write "
                    + "alias/NAME:ImageSha384=HEX for a key alias/NAME.",
                "--trust-anchor", root.toString(), "--key", "alias/app", "--require", "alias/other:ImageSha384=" + hex},
            {"emulated-kms: --require: kms:RecipientAttestation:PCR1 takes a SHA-384 value, 96 hex digits; \"ab\" is "
                    + "not one.", "--trust-anchor", root.toString(), "--key", "alias/app", "--require",
                "alias/app:PCR1=ab"},
            {"emulated-kms: --require: \"Pcr1=" + hex + "\" is not ImageSha384=HEX or PCR<n>=HEX, the "
                    + "kms:RecipientAttestation condition keys.", "--trust-anchor", root.toString(), "--key",
                "alias/app", "--require", "alias/app:Pcr1=" + hex},
            {"emulated-kms: --listen \"0.0.0.0:8443\" is not a loopback HOST:PORT such as 127.0.0.1:8443; the "
                    + "emulated KMS authenticates nobody, so it listens on loopback only.", "--trust-anchor",
                root.toString(), "--key", "alias/app", "--listen", "0.0.0.0:8443"},
            {"emulated-kms: --max-document-age \"soon\" is not a duration; write it like 30s, 500ms or 2m.",
                "--trust-anchor", root.toString(), "--key", "alias/app", "--max-document-age", "soon"},
            {"emulated-kms: --key alias/app is given twice; give each key once.", "--trust-anchor", root.toString(),
                "--key", "alias/app", "--key", "alias/app"},
            {"emulated-kms: --require: kms:RecipientAttestation:ImageSha384 takes a SHA-384 value, 96 hex digits; \""
                    + "\uff21".repeat(96) + "\" is not one.", "--trust-anchor", root.toString(), "--key", "alias/app",
                "--require", "alias/app:ImageSha384=" + "\uff21".repeat(96)},
            {"emulated-kms: --require: \"PCR\u0661=" + hex + "\" is not ImageSha384=HEX or PCR<n>=HEX, the "
                    + "kms:RecipientAttestation condition keys.", "--trust-anchor", root.toString(), "--key",
                "alias/app", "--require", "alias/app:PCR\u0661=" + hex},
            {"emulated-kms: --max-document-age \"9999999999999999h\" is far too long; write it like 30s, 500ms or 2m.",
                "--trust-anchor", root.toString(), "--key", "alias/app", "--max-document-age", "9999999999999999h"},
            {"emulated-kms: A key alias is alias/ and a name of letters, digits, /, _ and -, not under alias/aws/; "
                    + "\"app\" is not one.", "--trust-anchor", root.toString(), "--key", "app"},
        };
        for (String[] mistake : cases) {
            String[] args = java.util.Arrays.copyOfRange(mistake, 1, mistake.length);
            Outcome outcome = run(args);
            assertEquals(2, outcome.status(), outcome.err());
            assertEquals(mistake[0], outcome.err());
        }
    }
}
