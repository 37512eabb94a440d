package dev.nitroattest.cli.render;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nitroattest.attestation.Bytes;
import dev.nitroattest.attestation.DocumentKind;
import dev.nitroattest.attestation.Pcrs;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The JSON shapes of document fields that verify and inspect share, so that both print them alike. */
public final class DocumentJson {
    private DocumentJson() {
    }

    /** {@code "enclave"} or {@code "nitro_tpm"}. */
    public static String kind(DocumentKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** An object from PCR index (as a string, JSON keys being strings) to hex value. */
    public static void pcrs(JsonGenerator json, String field, Pcrs pcrs) throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<Integer, Bytes> pcr : pcrs.asMap().entrySet()) {
            json.writeStringField(Integer.toString(pcr.getKey()), pcr.getValue().toHex());
        }
        json.writeEndObject();
    }

    /** Hex of an optional byte field, or null when the document carries none. */
    public static void hex(JsonGenerator json, String field, Optional<Bytes> value) throws IOException {
        JsonOutput.string(json, field, value.map(Bytes::toHex).orElse(null));
    }

    /** A certificate as an object, or null when there is none to show. */
    public static void certificate(JsonGenerator json, String field, Optional<CertificateSummary> certificate,
            boolean withDer) throws IOException {
        if (certificate.isEmpty()) {
            json.writeNullField(field);
            return;
        }
        json.writeFieldName(field);
        certificate(json, certificate.get(), withDer);
    }

    /** A certificate as an object value. */
    public static void certificate(JsonGenerator json, CertificateSummary certificate, boolean withDer)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("subject", certificate.subject());
        json.writeStringField("issuer", certificate.issuer());
        json.writeStringField("serial", certificate.serialHex());
        JsonOutput.time(json, "not_before", certificate.notBefore());
        JsonOutput.time(json, "not_after", certificate.notAfter());
        json.writeStringField("sha256_fingerprint", certificate.sha256Fingerprint());
        if (withDer) {
            json.writeStringField("der", certificate.der().toHex());
        }
        json.writeEndObject();
    }
}
