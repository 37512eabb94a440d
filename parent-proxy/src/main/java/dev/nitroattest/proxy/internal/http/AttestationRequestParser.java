package dev.nitroattest.proxy.internal.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.proxy.internal.enclave.AttestationFields;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code {"nonce": base64?}}: exactly one JSON object, the nonce at most once, a base64 string or null, at most
 * 1024 bytes decoded. Strict like the agent: an unknown field is refused, because a misspelt "nonce" would otherwise
 * silently give a document without the client's nonce, and so is an empty nonce, which would be served as verified
 * while proving no freshness at all. {@code public_key} and {@code user_data} are refused by name, in any value:
 * what a document binds besides the nonce is the enclave's choice, and a client asking to choose it is told so.
 */
final class AttestationRequestParser {
    private static final Set<String> FIELDS = Set.of("nonce");
    /** Fields a document has that only the enclave fills: issue 19. */
    private static final Set<String> ENCLAVE_CHOSEN = Set.of("public_key", "user_data");
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final String EXAMPLE = "{\"nonce\": \"<base64>\"}";

    private AttestationRequestParser() {}

    static AttestationFields parse(byte[] body) throws BadRequestException {
        Map<String, Optional<Bytes>> fields = new HashMap<>();
        try (JsonParser json = FACTORY.createParser(body)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw badJson("The body must be one JSON object such as " + EXAMPLE + ".");
            }
            JsonToken token;
            while ((token = json.nextToken()) == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                if (ENCLAVE_CHOSEN.contains(name)) {
                    throw new BadRequestException(ProxyError.CALLER_BINDING_REFUSED, "The field \"" + name
                            + "\" is refused: only code inside the enclave chooses the public key and user data its "
                            + "documents carry, so send the nonce alone and put context of your own in it.");
                }
                if (!FIELDS.contains(name)) {
                    throw badJson("The field \"" + name + "\" is not nonce, the one field of this request; remove or "
                            + "correct it.");
                }
                if (fields.containsKey(name)) {
                    throw badJson("The field \"" + name + "\" appears twice; send it once.");
                }
                fields.put(name, value(json, name));
            }
            if (token != JsonToken.END_OBJECT) {
                throw badJson("The body is not valid JSON; send one object such as " + EXAMPLE + ".");
            }
            if (json.nextToken() != null) {
                throw badJson("The body has more after its JSON object; send exactly one object.");
            }
        } catch (IOException e) {
            // Jackson's parse errors quote the input and its position: one fixed sentence is clearer.
            throw badJson("The body is not valid JSON; send one object such as " + EXAMPLE + ".");
        }
        return new AttestationFields(fields.getOrDefault("nonce", Optional.empty()));
    }

    private static Optional<Bytes> value(JsonParser json, String name) throws IOException, BadRequestException {
        JsonToken value = json.nextToken();
        if (value == JsonToken.VALUE_NULL) {
            return Optional.empty();
        }
        if (value != JsonToken.VALUE_STRING) {
            throw badJson("The field \"" + name + "\" must be a base64 string or null.");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(json.getText());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(ProxyError.BAD_BASE64, "The field \"" + name + "\" is not base64 (the "
                    + "standard alphabet of RFC 4648, with + and /); encode its bytes with it.");
        }
        if (decoded.length == 0 && name.equals("nonce")) {
            throw new BadRequestException(ProxyError.EMPTY_NONCE, "The field \"nonce\" is empty, which proves no "
                    + "freshness; send at least one byte, or omit it (or send null) to have the proxy choose a fresh "
                    + "one.");
        }
        if (decoded.length > AttestationFields.MAX_FIELD_BYTES) {
            throw new BadRequestException(ProxyError.FIELD_TOO_LARGE, "The field \"" + name + "\" is "
                    + decoded.length + " bytes once decoded; the NSM takes at most "
                    + AttestationFields.MAX_FIELD_BYTES + ".");
        }
        return Optional.of(Bytes.of(decoded));
    }

    private static BadRequestException badJson(String message) {
        return new BadRequestException(ProxyError.BAD_JSON, message);
    }
}
