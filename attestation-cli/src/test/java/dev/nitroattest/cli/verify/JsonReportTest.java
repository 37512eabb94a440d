package dev.nitroattest.cli.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.testkit.Forgeries;
import dev.nitroattest.testkit.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A rejected document's object: the library's rejection members, in this tool's order, byte for byte. */
class JsonReportTest {
    private static final TestPki PKI = TestPki.standard();
    private static final String NO_DOCUMENT = "\"kind\":null,\"module_id\":null,\"timestamp\":null,\"digest\":null,"
            + "\"debug_enclave\":null,\"pcrs\":null,\"public_key\":null,\"user_data\":null,\"nonce\":null,"
            + "\"certificate\":null,\"verification_time\":null}";

    @Test
    @DisplayName("the members are the library's, none left out and none added")
    void membersAreTheLibrarys() {
        DocumentRejectedException rejection = parse(Forgeries.signatureRZero(PKI).bytes());
        assertEquals(rejection.jsonMembers().keySet(), new HashSet<>(JsonReport.REJECTION_MEMBERS));
    }

    @Test
    @DisplayName("a COSE element's rejection: field as a string, index null")
    void elementRejection() {
        assertEquals("{\"file\":\"doc.cbor\",\"verified\":false,\"reason\":\"MALFORMED\",\"detail\":\"The signature's "
                + "r is zero; an ECDSA signature component lies in 1 to n-1.\",\"field\":\"COSE signature\","
                + "\"certificate_index\":null," + NO_DOCUMENT, line(Forgeries.signatureRZero(PKI).bytes()));
    }

    @Test
    @DisplayName("a certificate of the bundle: cabundle and its index as a number")
    void bundleEntryRejection() {
        byte[] forged = Forgeries.all(PKI).stream().filter(f -> f.name().equals("cabundleEntryEmpty")).findFirst()
                .orElseThrow().bytes();
        assertEquals("{\"file\":\"doc.cbor\",\"verified\":false,\"reason\":\"INVALID_FIELD\",\"detail\":\"The "
                + "payload's cabundle entry 4 is 0 bytes; it must be 1 to 1024 bytes.\",\"field\":\"cabundle\","
                + "\"certificate_index\":4," + NO_DOCUMENT, line(forged));
    }

    private static String line(byte[] document) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JsonReport(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .write(new Outcome.Rejected("doc.cbor", parse(document), Optional.empty(), Optional.empty()));
        return bytes.toString(StandardCharsets.UTF_8).strip();
    }

    private static DocumentRejectedException parse(byte[] document) {
        return assertThrows(DocumentRejectedException.class, () -> AttestationDocument.parse(document));
    }
}
