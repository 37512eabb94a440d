package dev.nitroattest.cli.verify;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.cli.ExitStatus;
import dev.nitroattest.cli.Phases;
import dev.nitroattest.cli.Terminal;
import dev.nitroattest.cli.UserError;
import dev.nitroattest.cli.input.DocumentFiles;
import dev.nitroattest.cli.input.InputDocument;
import java.time.Instant;
import java.util.Optional;

/**
 * One run of {@code verify}: checks the options, builds the verifier, then verifies the files in order. Usage errors
 * stop the run before any file is read; a file that cannot be read is reported on standard error (and, with
 * {@code --json}, as an {@code UNREADABLE} object) and the run goes on with the next.
 */
final class Verification {
    private final VerifyOptions options;
    private final Terminal terminal;

    Verification(VerifyOptions options, Terminal terminal) {
        this.options = options;
        this.terminal = terminal;
    }

    ExitStatus run() {
        checkCombinations();
        AttestationVerifier verifier = VerifierSetup.verifier(options);
        Expectations expectations = VerifierSetup.expectations(options);
        VerificationTime time = verificationTime();
        DocumentFiles files = new DocumentFiles(terminal, Optional.ofNullable(options.format()));
        OutcomeReport report = options.quiet() ? new SilentReport()
                : options.json() ? new JsonReport(terminal.out()) : new TextReport(terminal.out());
        if (!VerifierSetup.pinsPcrs(options) && !options.quiet()) {
            terminal.error("warning: no PCR is pinned (--pcr, --pcrs-from-eif), so the documents' authenticity is "
                    + "checked but not which enclave image made them.");
        }
        Phases.mark("setup: verifier");

        ExitStatus status = ExitStatus.SUCCESS;
        for (String file : options.files()) {
            Outcome outcome = outcomeOf(file, files, verifier, time, expectations);
            report.write(outcome);
            Phases.mark("output");
            status = status.and(outcome.status());
        }
        return status;
    }

    private void checkCombinations() {
        if (options.at() != null && options.atDocumentTime()) {
            throw UserError.usage("--at and --at-document-time cannot be combined; give one of them, or neither to "
                    + "verify at the current time.");
        }
        if (options.maxAge() != null && options.atDocumentTime()) {
            throw UserError.usage("--max-age cannot be combined with --at-document-time, at which every document's "
                    + "age is 0; give --at TIME to judge the age at that time, or leave --max-age out.");
        }
        if (options.pcrsFromEif() != null && options.nitroTpm()) {
            throw UserError.usage("--pcrs-from-eif cannot be combined with --nitrotpm: an enclave image's PCRs are "
                    + "not NitroTPM PCRs; pin NitroTPM PCRs with --pcr, or leave one of the two out.");
        }
        if (options.json() && options.quiet()) {
            throw UserError.usage("--json and --quiet cannot be combined; give one of them.");
        }
        String standardInput = DocumentFiles.STANDARD_INPUT;
        if (options.files().indexOf(standardInput) != options.files().lastIndexOf(standardInput)) {
            throw UserError.usage("standard input (-) can be read only once; name it once.");
        }
    }

    private VerificationTime verificationTime() {
        if (options.at() != null) {
            return new VerificationTime.Fixed(options.at());
        }
        if (options.atDocumentTime()) {
            return new VerificationTime.DocumentTimestamp();
        }
        return new VerificationTime.Now(terminal.clock());
    }

    /** A file that cannot be read is told on standard error too, as it is without --json. */
    private Outcome outcomeOf(String file, DocumentFiles files, AttestationVerifier verifier, VerificationTime time,
            Expectations expectations) {
        InputDocument input;
        try {
            input = files.read(file);
            Phases.mark("reading");
        } catch (UserError unreadable) {
            terminal.error(unreadable.getMessage());
            return new Outcome.Unreadable(file, unreadable.getMessage());
        }
        return verify(verifier, input, time, expectations);
    }

    private static Outcome verify(AttestationVerifier verifier, InputDocument input, VerificationTime time,
            Expectations expectations) {
        AttestationDocument document;
        try {
            document = verifier.parse(input.bytes());
            Phases.mark("decoding");
        } catch (DocumentRejectedException e) {
            return new Outcome.Rejected(input.name(), e, Optional.empty(), Optional.empty());
        }
        Instant at = time.instantFor(document);
        try {
            Outcome.Verified verified = new Outcome.Verified(input.name(), verifier.verifyAt(at, document,
                    expectations));
            Phases.mark("chain and signature");
            return verified;
        } catch (DocumentRejectedException e) {
            return new Outcome.Rejected(input.name(), e, Optional.of(document), Optional.of(at));
        }
    }
}
