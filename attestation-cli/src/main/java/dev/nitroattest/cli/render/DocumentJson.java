package dev.nitroattest.cli.render;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.DocumentKind;
import dev.nitroattest.attestation.Pcrs;
import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.process.JsonText;
import java.io.IOException;
import java.time.Instant;
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
        JsonText.string(json, field, value.map(Bytes::toHex).orElse(null));
    }

    /**
     * The document's fields as verify's JSON lines carry them, after {@code file} and the verdict: kind, module_id,
     * timestamp, digest, debug_enclave, pcrs, public_key, user_data, nonce, certificate (the signing certificate) and
     * verification_time.
     *
     * @param certificate the document's signing certificate, when it decodes
     * @param verificationTime the instant it was verified at, or null when it was not
     */
    public static void fields(JsonGenerator json, AttestationDocument document,
            Optional<CertificateSummary> certificate, Instant verificationTime) throws IOException {
        json.writeStringField("kind", kind(document.kind()));
        json.writeStringField("module_id", document.moduleId());
        JsonText.time(json, "timestamp", document.timestamp());
        json.writeStringField("digest", document.digest());
        json.writeBooleanField("debug_enclave", document.isDebugEnclave());
        pcrs(json, "pcrs", document.pcrs());
        hex(json, "public_key", document.publicKey());
        hex(json, "user_data", document.userData());
        hex(json, "nonce", document.nonce());
        certificate(json, "certificate", certificate, false);
        JsonText.time(json, "verification_time", verificationTime);
    }

    /** The same fields, each null: for an outcome with no document to show. */
    public static void noFields(JsonGenerator json) throws IOException {
        for (String field : new String[] {"kind", "module_id", "timestamp", "digest", "debug_enclave", "pcrs",
                "public_key", "user_data", "nonce", "certificate", "verification_time"}) {
            json.writeNullField(field);
        }
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
        JsonText.time(json, "not_before", certificate.notBefore());
        JsonText.time(json, "not_after", certificate.notAfter());
        json.writeStringField("sha256_fingerprint", certificate.sha256Fingerprint());
        if (withDer) {
            json.writeStringField("der", certificate.der().toHex());
        }
        json.writeEndObject();
    }
}
