package dev.nitroattest.tls.enclave;

import static dev.nitroattest.tls.enclave.AttestedIdentityTest.filled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.tls.AttestationExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another X.509 implementation reads the enclave's certificate: OpenSSL parses it, finds the extension under its OID,
 * not critical, and verifies the self-signature. Skipped where no openssl command exists.
 */
@Timeout(60)
class OpenSslReadsTheCertificateTest {
    @TempDir
    Path directory;

    @Test
    void openSslParsesTheCertificateAndItsNonCriticalExtension() throws Exception {
        EmulatedNsm emulator = EmulatedNsm.builder().pcr(0, AttestedIdentityTest.PCR0).pcr(1, filled(0x22))
                .pcr(2, filled(0x33)).build();
        try (NsmClient nsm = new NsmClient(emulator);
                AttestedIdentity identity = AttestedIdentity.builder(nsm).create()) {
            Path pem = directory.resolve("enclave.pem");
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(identity.certificate().getEncoded())
                    + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
            String text = openssl("x509", "-in", pem.toString(), "-noout", "-text");
            String oid = AttestationExtension.OID;
            assertTrue(text.contains(oid + ": \n") || text.contains(oid + ":\n"), "not marked critical: " + text);
            assertTrue(text.contains("ecdsa-with-SHA384") && text.contains("NIST CURVE: P-384"), text);
            String verified = openssl("verify", "-CAfile", pem.toString(), "-check_ss_sig", pem.toString());
            assertTrue(verified.contains(": OK"), verified);
        }
    }

    private static String openssl(String... arguments) throws IOException, InterruptedException {
        String[] command = new String[arguments.length + 1];
        command[0] = "openssl";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "no openssl command here");
            throw e;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
