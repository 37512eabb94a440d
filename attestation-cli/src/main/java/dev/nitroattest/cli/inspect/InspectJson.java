package dev.nitroattest.cli.inspect;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.cli.input.InputDocument;
import dev.nitroattest.cli.render.CertificateSummary;
import dev.nitroattest.cli.render.DocumentJson;
import dev.nitroattest.cli.render.BytesAsText;
import dev.nitroattest.process.JsonText;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON form of {@code inspect}: one object on one line, {@code "verified": false} first. Certificates carry
 * their DER in hex as well, so that scripts can take them out; a certificate that does not decode is an object with
 * its DER only.
 */
final class InspectJson {
    private InspectJson() {
    }

    static void print(PrintStream out, InputDocument input, AttestationDocument document) {
        JsonText.line(out, json -> {
            json.writeStartObject();
            json.writeBooleanField("verified", false);
            json.writeStringField("file", input.name());
            json.writeStringField("format", input.format().name().toLowerCase(Locale.ROOT));
            json.writeStringField("kind", DocumentJson.kind(document.kind()));
            json.writeStringField("module_id", document.moduleId());
            json.writeStringField("digest", document.digest());
            JsonText.time(json, "timestamp", document.timestamp());
            json.writeNumberField("timestamp_ms", document.timestamp().toEpochMilli());
            json.writeBooleanField("tagged", document.isTagged());
            json.writeBooleanField("debug_enclave", document.isDebugEnclave());
            DocumentJson.pcrs(json, "pcrs", document.pcrs());
            json.writeFieldName("certificate");
            certificate(json, document.certificate());
            json.writeArrayFieldStart("cabundle");
            for (Bytes certificate : document.cabundle()) {
                certificate(json, certificate);
            }
            json.writeEndArray();
            optional(json, "public_key", document.publicKey());
            optional(json, "user_data", document.userData());
            optional(json, "nonce", document.nonce());
            json.writeObjectFieldStart("unknown_fields");
            for (Map.Entry<String, Bytes> field : document.unknownFields().entrySet()) {
                json.writeStringField(field.getKey(), field.getValue().toHex());
            }
            json.writeEndObject();
            json.writeStringField("signature", document.signature().toHex());
            json.writeEndObject();
        });
    }

    private static void certificate(JsonGenerator json, Bytes der) throws IOException {
        Optional<CertificateSummary> decoded = CertificateSummary.decode(der);
        if (decoded.isPresent()) {
            DocumentJson.certificate(json, decoded.get(), true);
        } else {
            json.writeStartObject();
            json.writeStringField("der", der.toHex());
            json.writeEndObject();
        }
    }

    /** The hex (or null), and next to it the text when the bytes are printable (or null). */
    private static void optional(JsonGenerator json, String field, Optional<Bytes> value) throws IOException {
        DocumentJson.hex(json, field, value);
        JsonText.string(json, field + "_text", value.flatMap(BytesAsText::of).orElse(null));
    }
}
