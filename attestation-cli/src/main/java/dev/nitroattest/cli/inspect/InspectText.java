package dev.nitroattest.cli.inspect;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.DocumentKind;
import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.cli.input.InputDocument;
import dev.nitroattest.cli.render.BytesAsText;
import dev.nitroattest.cli.render.CertificateSummary;
import dev.nitroattest.text.PrintableText;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The text form of {@code inspect}: one field per line, labels aligned, nested values indented. Every string from the
 * document or the command line goes through {@link PrintableText#escape(String)} where it is taken, so that none can
 * break a line, reach the terminal as a control sequence or pose as a field of its own.
 */
final class InspectText {
    static final String BANNER = "NOT VERIFIED: decoded only, nothing below has been checked; run 'nitro-attest "
            + "verify' to check this document.";
    private static final int LABEL_WIDTH = 18;

    private final PrintStream out;

    private InspectText(PrintStream out) {
        this.out = out;
    }

    static void print(PrintStream out, InputDocument input, AttestationDocument document) {
        new InspectText(out).document(input, document);
    }

    private void document(InputDocument input, AttestationDocument document) {
        out.println(BANNER);
        field("file", PrintableText.escape(input.name()) + " (" + input.format().name().toLowerCase(Locale.ROOT) + ", "
                + input.bytes().length + " bytes decoded)");
        field("kind", document.kind() == DocumentKind.ENCLAVE ? "enclave (pcrs)" : "NitroTPM (nitrotpm_pcrs)");
        field("module_id", PrintableText.escape(document.moduleId()));
        field("digest", PrintableText.escape(document.digest()));
        field("timestamp", document.timestamp() + " (" + document.timestamp().toEpochMilli() + " ms)");
        field("cose", document.isTagged() ? "COSE_Sign1 with tag 18" : "COSE_Sign1 without tag");
        field("debug enclave", document.isDebugEnclave() ? "yes: PCR0, PCR1 and PCR2 are all zero" : "no");
        field("pcrs", document.pcrs().size() + " registers");
        document.pcrs().asMap().forEach((index, value) -> nested("PCR" + index, value.toHex()));
        out.println("certificate:");
        certificate("  ", document.certificate());
        List<Bytes> cabundle = document.cabundle();
        field("cabundle", cabundle.size() + " certificates, root first");
        for (int i = 0; i < cabundle.size(); i++) {
            out.println("  [" + i + "]");
            certificate("    ", cabundle.get(i));
        }
        optional("public_key", document.publicKey());
        optional("user_data", document.userData());
        optional("nonce", document.nonce());
        Map<String, Bytes> unknown = document.unknownFields();
        field("unknown fields", unknown.isEmpty() ? "none" : unknown.size() + ", shown as their CBOR encoding");
        unknown.forEach((key, value) -> nested(PrintableText.escape(key), value.toHex()));
        field("signature", document.signature().toHex());
    }

    private void certificate(String indent, Bytes der) {
        Optional<CertificateSummary> decoded = CertificateSummary.decode(der);
        if (decoded.isEmpty()) {
            line(indent, "der", "not a decodable X.509 certificate (" + der.length() + " bytes): " + der.toHex());
            return;
        }
        CertificateSummary certificate = decoded.get();
        line(indent, "subject", PrintableText.escape(certificate.subject()));
        line(indent, "issuer", PrintableText.escape(certificate.issuer()));
        line(indent, "serial", certificate.serialHex());
        line(indent, "not_before", certificate.notBefore().toString());
        line(indent, "not_after", certificate.notAfter().toString());
        line(indent, "sha256", certificate.sha256Fingerprint());
    }

    private void optional(String name, Optional<Bytes> value) {
        if (value.isEmpty()) {
            field(name, "none");
            return;
        }
        Bytes bytes = value.get();
        field(name, bytes.isEmpty() ? "empty (0 bytes)" : bytes.toHex() + " (" + bytes.length() + " bytes)");
        BytesAsText.of(bytes).ifPresent(text -> nested("as text", quoted(text)));
    }

    private void field(String label, String value) {
        line("", label, value);
    }

    private void nested(String label, String value) {
        line("  ", label, value);
    }

    private void line(String indent, String label, String value) {
        String head = indent + label + ":";
        out.println(head + " ".repeat(Math.max(1, LABEL_WIDTH - head.length())) + value);
    }

    private static String quoted(String text) {
        return '"' + PrintableText.escape(text).replace("\"", "\\\"") + '"';
    }
}
