package dev.nitroattest.cli.verify;

import dev.nitroattest.cli.render.InstantText;
import dev.nitroattest.text.PrintableText;
import java.io.PrintStream;

/**
 * {@code VERIFIED <file> module=<module_id> time=<timestamp>} or {@code REJECTED <file> <REASON>: <detail>}. The file
 * and the module_id are escaped as single fields, so that a space or a newline in either cannot shift or forge a
 * field; the detail runs to the end of the line and only has its non-printable characters escaped.
 */
final class TextReport implements OutcomeReport {
    private final PrintStream out;

    TextReport(PrintStream out) {
        this.out = out;
    }

    @Override
    public void write(Outcome outcome) {
        if (outcome instanceof Outcome.Verified verified) {
            out.println("VERIFIED " + PrintableText.escapeWord(verified.file()) + " module="
                    + PrintableText.escapeWord(verified.attestation().moduleId()) + " time="
                    + InstantText.of(verified.attestation().timestamp()));
        } else if (outcome instanceof Outcome.Rejected rejected) {
            out.println("REJECTED " + PrintableText.escapeWord(rejected.file()) + " " + rejected.reason() + ": "
                    + PrintableText.escapeSentence(rejected.detail()));
        }
        // An unreadable file has no line: its sentence is on standard error, as the text format has always had it.
    }
}
