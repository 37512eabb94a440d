package dev.nitroattest.kms.emulated.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A KMS JSON request body: one object whose fields the operation reads by type. Fields the emulator does not know
 * (GrantTokens, say) are skipped, as KMS ignores what it does not use; a repeated field, a wrong type or bad base64
 * is a {@link BadRequest}.
 */
public final class JsonRequest {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build()).build();

    /**
     * The request cannot be read as the operation's JSON, or lacks a field it needs; the message is one sentence.
     * AWS's JSON services answer the first with SerializationException and the second with ValidationException.
     */
    public static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;
        /** Whether a required field is missing, rather than the body being unreadable. */
        private final boolean missingField;

        /** @param message one sentence */
        public BadRequest(String message) {
            this(message, false);
        }

        private BadRequest(String message, boolean missingField) {
            super(message);
            this.missingField = missingField;
        }

        /** A required field is missing. */
        public static BadRequest missing(String field) {
            return new BadRequest("The field " + field + " is required.", true);
        }

        /** Whether a required field is missing (ValidationException), rather than the body unreadable. */
        public boolean missingField() {
            return missingField;
        }
    }

    private final Map<String, Object> fields;

    private JsonRequest(Map<String, Object> fields) {
        this.fields = fields;
    }

    /** Reads a body: one JSON object, nothing after it. */
    public static JsonRequest parse(byte[] body) throws BadRequest {
        try (JsonParser json = FACTORY.createParser(body)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new BadRequest("The body must be one JSON object.");
            }
            Map<String, Object> fields = object(json);
            if (json.nextToken() != null) {
                throw new BadRequest("The body has more after its JSON object.");
            }
            return new JsonRequest(fields);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new BadRequest("The body is not JSON (" + e.getOriginalMessage() + ").");
        } catch (IOException e) {
            throw new BadRequest("The body is not JSON (" + e.getMessage() + ").");
        }
    }

    private static Map<String, Object> object(JsonParser json) throws IOException, BadRequest {
        Map<String, Object> fields = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken token = json.nextToken();
            Object value = switch (token) {
                case START_OBJECT -> object(json);
                case START_ARRAY -> {
                    json.skipChildren();
                    yield Boolean.TRUE;
                }
                case VALUE_STRING -> json.getText();
                case VALUE_NUMBER_INT -> json.getNumberValue();
                case VALUE_NUMBER_FLOAT -> json.getDoubleValue();
                case VALUE_TRUE, VALUE_FALSE -> json.getBooleanValue();
                default -> null;
            };
            if (fields.containsKey(name)) {
                throw new BadRequest("The field " + name + " is given twice.");
            }
            fields.put(name, value);
        }
        return fields;
    }

    /** A string field, or empty when absent or null. */
    public Optional<String> string(String name) throws BadRequest {
        Object value = fields.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw new BadRequest("The field " + name + " must be a string.");
        }
        return Optional.of(text);
    }

    /** A required string field. */
    public String requiredString(String name) throws BadRequest {
        return string(name).orElseThrow(() -> BadRequest.missing(name));
    }

    /** A base64 field (RFC 4648, standard alphabet), or empty when absent or null. */
    public Optional<byte[]> blob(String name) throws BadRequest {
        Optional<String> text = string(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(text.get()));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("The field " + name + " is not base64.");
        }
    }

    /** A required base64 field. */
    public byte[] requiredBlob(String name) throws BadRequest {
        return blob(name).orElseThrow(() -> BadRequest.missing(name));
    }

    /** An integer field, or empty when absent or null. */
    public Optional<Integer> integer(String name) throws BadRequest {
        Object value = fields.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Integer number)) {
            throw new BadRequest("The field " + name + " must be a whole number.");
        }
        return Optional.of(number);
    }

    /** A string-to-string map field (an encryption context), empty when absent or null. */
    public Map<String, String> stringMap(String name) throws BadRequest {
        Object value = fields.get(name);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new BadRequest("The field " + name + " must be an object of strings.");
        }
        Map<String, String> strings = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getValue() instanceof String text)) {
                throw new BadRequest("The field " + name + "." + entry.getKey() + " must be a string.");
            }
            strings.put((String) entry.getKey(), text);
        }
        return strings;
    }

    /** An object field, or empty when absent or null. */
    public Optional<JsonRequest> object(String name) throws BadRequest {
        Object value = fields.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new BadRequest("The field " + name + " must be an object.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) map;
        return Optional.of(new JsonRequest(nested));
    }

    /** A boolean field; false when absent or null. */
    public boolean flag(String name) throws BadRequest {
        Object value = fields.get(name);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean flag)) {
            throw new BadRequest("The field " + name + " must be true or false.");
        }
        return flag;
    }
}
