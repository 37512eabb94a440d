package dev.nitroattest.cli.tls;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.cli.render.CertificateSummary;
import dev.nitroattest.cli.render.DocumentJson;
import dev.nitroattest.process.JsonText;
import dev.nitroattest.text.PrintableText;
import java.io.IOException;
import java.io.PrintStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The result line: {@code VERIFIED <host:port> module=<module_id> time=<timestamp> protocol=<protocol>} or
 * {@code REJECTED <host:port> <REASON>: <detail>}, escaped as verify's are; or, with {@code --json}, one object.
 */
final class TlsReport {
    private TlsReport() {
    }

    static void write(PrintStream out, TlsOutcome outcome, boolean json) {
        if (json) {
            JsonText.line(out, generator -> writeJson(generator, outcome));
        } else if (outcome instanceof TlsOutcome.Verified verified) {
            out.println("VERIFIED " + PrintableText.escapeWord(verified.target().toString()) + " module="
                    + PrintableText.escapeWord(verified.attestation().moduleId()) + " time="
                    + verified.attestation().timestamp() + " protocol=" + verified.protocol());
        } else if (outcome instanceof TlsOutcome.Refused refused) {
            out.println("REJECTED " + PrintableText.escapeWord(refused.target().toString()) + " " + refused.reason()
                    + ": " + PrintableText.escapeSentence(refused.detail()));
        }
        // An unreachable server has no line: its sentence is on standard error.
    }

    private static void writeJson(JsonGenerator json, TlsOutcome outcome) throws IOException {
        json.writeStartObject();
        json.writeStringField("target", outcome.target().toString());
        if (outcome instanceof TlsOutcome.Verified verified) {
            json.writeBooleanField("verified", true);
            json.writeNullField("reason");
            json.writeNullField("detail");
            json.writeStringField("protocol", verified.protocol());
            json.writeStringField("tls_certificate_sha256", fingerprint(verified.certificate()));
            DocumentJson.fields(json, verified.attestation().document(),
                    Optional.of(CertificateSummary.of(verified.attestation().certificateChain().get(0))),
                    verified.attestation().verificationTime());
        } else if (outcome instanceof TlsOutcome.Refused refused) {
            json.writeBooleanField("verified", false);
            json.writeStringField("reason", refused.reason());
            json.writeStringField("detail", refused.detail());
            json.writeNullField("protocol");
            json.writeStringField("tls_certificate_sha256", fingerprint(refused.certificate()));
            if (refused.document().isPresent()) {
                DocumentJson.fields(json, refused.document().get(),
                        CertificateSummary.decode(refused.document().get().certificate()), null);
            } else {
                DocumentJson.noFields(json);
            }
        } else if (outcome instanceof TlsOutcome.Unreachable unreachable) {
            json.writeBooleanField("verified", false);
            json.writeStringField("reason", TlsOutcome.Unreachable.REASON);
            json.writeStringField("detail", unreachable.detail());
            json.writeNullField("protocol");
            json.writeNullField("tls_certificate_sha256");
            DocumentJson.noFields(json);
        }
        json.writeEndObject();
    }

    private static String fingerprint(X509Certificate certificate) throws IOException {
        try {
            return CertificateSummary.decode(Bytes.of(certificate.getEncoded())).map(
                    CertificateSummary::sha256Fingerprint).orElse(null);
        } catch (CertificateEncodingException e) {
            return null;
        }
    }
}
