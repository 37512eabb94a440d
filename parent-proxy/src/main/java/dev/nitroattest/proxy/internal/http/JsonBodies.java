package dev.nitroattest.proxy.internal.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.process.JsonText;
import dev.nitroattest.proxy.internal.enclave.AttestationOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** The JSON bodies the API answers with, written as every program of the project writes JSON ({@link JsonText}). */
final class JsonBodies {
    static final String CONTENT_TYPE = "application/json";
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private JsonBodies() {}

    /** {@code {"error": CODE, "message": text}}. */
    static byte[] error(ProxyError error, String message) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("error", error.name());
            json.writeStringField("message", message);
            json.writeEndObject();
        });
    }

    /**
     * {@code DOCUMENT_REJECTED}'s body: the error and message, and the library's structured rejection, {@code
     * {"reason", "field", "certificate_index", "detail"}}, field and index null where the fault is not in one place:
     * the library's {@code jsonMembers()}, which the CLI's {@code verify --json} writes too.
     */
    static byte[] rejected(String message, AttestationOutcome.Rejected rejected) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("error", ProxyError.DOCUMENT_REJECTED.name());
            json.writeStringField("message", message);
            json.writeObjectFieldStart("rejection");
            for (Map.Entry<String, Object> member : rejected.rejection().jsonMembers().entrySet()) {
                // Strings, an Integer and nulls: the generator writes them without an object codec.
                json.writeObjectField(member.getKey(), member.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    /**
     * {@code {"document": base64, "verified": {module_id, timestamp, pcrs, nonce, user_data, public_key}}}: PCRs in
     * hex by index, as nitro-cli and the expected-PCR options write them; the three byte fields in base64, as the
     * request sends them, or null when the document carries none.
     */
    static byte[] attested(byte[] document, VerifiedAttestation attestation) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("document", BASE64.encodeToString(document));
            json.writeObjectFieldStart("verified");
            json.writeStringField("module_id", attestation.moduleId());
            json.writeStringField("timestamp", attestation.timestamp().toString());
            json.writeObjectFieldStart("pcrs");
            for (Map.Entry<Integer, Bytes> pcr : attestation.pcrs().asMap().entrySet()) {
                json.writeStringField(Integer.toString(pcr.getKey()), pcr.getValue().toHex());
            }
            json.writeEndObject();
            base64(json, "nonce", attestation.nonce());
            base64(json, "user_data", attestation.userData());
            base64(json, "public_key", attestation.publicKey());
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    /** {@code {"status": "ok"|"unavailable", "message": text?}}. */
    static byte[] health(boolean healthy, String message) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("status", healthy ? "ok" : "unavailable");
            if (!healthy) {
                json.writeStringField("message", message);
            }
            json.writeEndObject();
        });
    }

    private static void base64(JsonGenerator json, String field, Optional<Bytes> value) throws IOException {
        if (value.isPresent()) {
            json.writeStringField(field, BASE64.encodeToString(value.get().toByteArray()));
        } else {
            json.writeNullField(field);
        }
    }

    /** The body: one line. */
    private static byte[] write(JsonText.Body body) {
        return (JsonText.compact(body) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
