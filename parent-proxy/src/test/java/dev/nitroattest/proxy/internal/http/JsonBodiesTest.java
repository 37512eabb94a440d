package dev.nitroattest.proxy.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.proxy.internal.enclave.AttestationOutcome;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code DOCUMENT_REJECTED}'s body, byte for byte: the library's rejection members in a {@code rejection} object. */
class JsonBodiesTest {
    @Test
    void aRejectionIsWrittenAsTheLibrarysMembersInTheirOrder() {
        DocumentRejectedException rejection = assertThrows(DocumentRejectedException.class,
                () -> AttestationDocument.parse(new byte[] {0x01}));
        byte[] body = JsonBodies.rejected("The enclave's document failed.", new AttestationOutcome.Rejected(rejection));
        assertEquals("{\"error\":\"DOCUMENT_REJECTED\",\"message\":\"The enclave's document failed.\",\"rejection\":"
                + "{\"reason\":\"MALFORMED\",\"field\":\"COSE_Sign1\",\"certificate_index\":null,\"detail\":\"The "
                + "document is not a COSE_Sign1 array.\"}}\n", new String(body, StandardCharsets.UTF_8));
    }
}
