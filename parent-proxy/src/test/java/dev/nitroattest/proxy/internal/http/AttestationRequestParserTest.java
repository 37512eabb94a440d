package dev.nitroattest.proxy.internal.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.proxy.internal.enclave.AttestationFields;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AttestationRequestParserTest {

    private static AttestationFields parse(String json) throws BadRequestException {
        return AttestationRequestParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyFieldIsOptional() throws Exception {
        AttestationFields none = parse("{}");
        assertTrue(none.nonce().isEmpty() && none.userData().isEmpty() && none.publicKey().isEmpty());
        AttestationFields nulls = parse("{\"nonce\": null, \"user_data\": null, \"public_key\": null}");
        assertTrue(nulls.nonce().isEmpty() && nulls.userData().isEmpty() && nulls.publicKey().isEmpty());
    }

    @Test
    void fieldsAreDecodedFromBase64UpTo1024Bytes() throws Exception {
        byte[] max = new byte[1024];
        max[0] = 7;
        AttestationFields fields = parse(" {\"public_key\": \"" + Base64.getEncoder().encodeToString(max)
                + "\", \"user_data\": \"AQI=\", \"nonce\": \"AA==\"}\n");
        assertArrayEquals(max, fields.publicKey().orElseThrow().toByteArray());
        assertArrayEquals(new byte[] {1, 2}, fields.userData().orElseThrow().toByteArray());
        assertArrayEquals(new byte[] {0}, fields.nonce().orElseThrow().toByteArray());
    }

    @Test
    void emptyUserDataAndPublicKeyArePresentEmptyFields() throws Exception {
        AttestationFields fields = parse("{\"user_data\": \"\", \"public_key\": \"\"}");
        assertEquals(0, fields.userData().orElseThrow().length());
        assertEquals(0, fields.publicKey().orElseThrow().length());
    }

    @Test
    void anEmptyNonceIsRefusedSinceItProvesNoFreshness() throws Exception {
        BadRequestException refused = assertThrows(BadRequestException.class, () -> parse("{\"nonce\": \"\"}"));
        assertEquals(ProxyError.EMPTY_NONCE, refused.error());
        assertTrue(refused.getMessage().contains("omit it"), refused.getMessage());
    }

    @Test
    void unpaddedBase64IsAccepted() throws Exception {
        assertArrayEquals(new byte[] {1, 2}, parse("{\"nonce\": \"AQI\"}").nonce().orElseThrow().toByteArray());
    }

    @Test
    void eachRefusalNamesItsCode() {
        assertEquals(ProxyError.BAD_JSON, refusal("{\"nonce\": true}"));
        assertEquals(ProxyError.BAD_JSON, refusal("{\"Nonce\": \"AA==\"}"));
        assertEquals(ProxyError.BAD_JSON, refusal("{} trailing"));
        assertEquals(ProxyError.BAD_BASE64, refusal("{\"user_data\": \"A\"}"));
        assertEquals(ProxyError.FIELD_TOO_LARGE, refusal("{\"public_key\": \""
                + Base64.getEncoder().encodeToString(new byte[1025]) + "\"}"));
    }

    private static ProxyError refusal(String json) {
        return assertThrows(BadRequestException.class, () -> parse(json)).error();
    }
}
