package dev.nitroattest.cli.verify;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.cli.render.CertificateSummary;
import dev.nitroattest.cli.render.DocumentJson;
import dev.nitroattest.process.JsonText;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One JSON object per file and line, in the order of the files. Every object has the same keys; what a rejected
 * document did not get to show (everything, when it did not parse or the file could not be read) is null. Fields of a
 * rejected document are as parsed, not verified.
 */
final class JsonReport implements OutcomeReport {
    /**
     * The library's rejection members ({@code DocumentRejectedException.jsonMembers()}), in the order this tool has
     * always written them, after {@code verified}.
     */
    static final List<String> REJECTION_MEMBERS = List.of("reason", "detail", "field", "certificate_index");

    private final PrintStream out;

    JsonReport(PrintStream out) {
        this.out = out;
    }

    @Override
    public void write(Outcome outcome) {
        JsonText.line(out, json -> {
            json.writeStartObject();
            json.writeStringField("file", outcome.file());
            if (outcome instanceof Outcome.Verified verified) {
                writeVerified(json, verified.attestation());
            } else if (outcome instanceof Outcome.Rejected rejected) {
                writeRejected(json, rejected);
            } else if (outcome instanceof Outcome.Unreadable unreadable) {
                json.writeBooleanField("verified", false);
                json.writeStringField("reason", Outcome.Unreadable.REASON);
                json.writeStringField("detail", unreadable.detail());
                json.writeNullField("field");
                json.writeNullField("certificate_index");
                writeNoDocument(json);
            }
            json.writeEndObject();
        });
    }

    private static void writeVerified(JsonGenerator json, VerifiedAttestation attestation) throws IOException {
        json.writeBooleanField("verified", true);
        json.writeNullField("reason");
        json.writeNullField("detail");
        json.writeNullField("field");
        json.writeNullField("certificate_index");
        writeDocument(json, attestation.document(),
                Optional.of(CertificateSummary.of(attestation.certificateChain().get(0))),
                attestation.verificationTime());
    }

    private static void writeRejected(JsonGenerator json, Outcome.Rejected rejected) throws IOException {
        json.writeBooleanField("verified", false);
        Map<String, Object> members = rejected.rejection().jsonMembers();
        for (String name : REJECTION_MEMBERS) {
            // Strings, an Integer and nulls: the generator writes them without an object codec.
            json.writeObjectField(name, members.get(name));
        }
        if (rejected.document().isPresent()) {
            AttestationDocument document = rejected.document().get();
            writeDocument(json, document, CertificateSummary.decode(document.certificate()),
                    rejected.verificationTime().orElse(null));
        } else {
            writeNoDocument(json);
        }
    }

    private static void writeNoDocument(JsonGenerator json) throws IOException {
        DocumentJson.noFields(json);
    }

    private static void writeDocument(JsonGenerator json, AttestationDocument document,
            Optional<CertificateSummary> certificate, Instant verificationTime) throws IOException {
        DocumentJson.fields(json, document, certificate, verificationTime);
    }
}
