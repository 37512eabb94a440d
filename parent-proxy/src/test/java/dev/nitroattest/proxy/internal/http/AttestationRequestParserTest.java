package dev.nitroattest.proxy.internal.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.proxy.internal.enclave.AttestationFields;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttestationRequestParserTest {

    private static AttestationFields parse(String json) throws BadRequestException {
        return AttestationRequestParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theNonceIsOptional() throws Exception {
        assertTrue(parse("{}").nonce().isEmpty());
        assertTrue(parse("{\"nonce\": null}").nonce().isEmpty());
    }

    @Test
    void theNonceIsDecodedFromBase64UpTo1024Bytes() throws Exception {
        byte[] max = new byte[1024];
        max[0] = 7;
        AttestationFields fields = parse(" {\"nonce\": \"" + Base64.getEncoder().encodeToString(max) + "\"}\n");
        assertArrayEquals(max, fields.nonce().orElseThrow().toByteArray());
    }

    /** Issue 19: a client that chose a document's public key could have KMS release a secret to itself. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"public_key\": \"AQI=\"}", "{\"nonce\": \"AA==\", \"user_data\": \"AQI=\"}",
        "{\"public_key\": null}", "{\"user_data\": \"\"}", "{\"user_data\": {}}",
        "{\"nonce\": \"AA==\", \"public_key\": \"AQI=\", \"user_data\": \"AQI=\"}"})
    void aPublicKeyOrUserDataIsRefusedByNameInAnyValue(String json) {
        BadRequestException refused = assertThrows(BadRequestException.class, () -> parse(json));
        assertEquals(ProxyError.CALLER_BINDING_REFUSED, refused.error());
        String field = json.indexOf("public_key") >= 0 && (json.indexOf("user_data") < 0
                || json.indexOf("public_key") < json.indexOf("user_data")) ? "public_key" : "user_data";
        assertEquals("The field \"" + field + "\" is refused: only code inside the enclave chooses the public key "
                + "and user data its documents carry, so send the nonce alone and put context of your own in it.",
                refused.getMessage());
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
        assertEquals(ProxyError.BAD_BASE64, refusal("{\"nonce\": \"A\"}"));
        assertEquals(ProxyError.FIELD_TOO_LARGE, refusal("{\"nonce\": \""
                + Base64.getEncoder().encodeToString(new byte[1025]) + "\"}"));
    }

    private static ProxyError refusal(String json) {
        return assertThrows(BadRequestException.class, () -> parse(json)).error();
    }
}
