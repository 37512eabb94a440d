package dev.nitroattest.cli.verify;

import java.io.PrintStream;

/** {@code VERIFIED <file> module=<module_id> time=<timestamp>} or {@code REJECTED <file> <REASON>: <detail>}. */
final class TextReport implements OutcomeReport {
    private final PrintStream out;

    TextReport(PrintStream out) {
        this.out = out;
    }

    @Override
    public void write(Outcome outcome) {
        if (outcome instanceof Outcome.Verified verified) {
            out.println("VERIFIED " + verified.file() + " module=" + verified.attestation().moduleId() + " time="
                    + verified.attestation().timestamp());
        } else if (outcome instanceof Outcome.Rejected rejected) {
            out.println("REJECTED " + rejected.file() + " " + rejected.reason() + ": " + rejected.detail());
        }
    }
}
