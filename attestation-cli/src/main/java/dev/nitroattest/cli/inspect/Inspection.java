package dev.nitroattest.cli.inspect;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.cli.ExitStatus;
import dev.nitroattest.cli.Sentences;
import dev.nitroattest.cli.Terminal;
import dev.nitroattest.cli.UserError;
import dev.nitroattest.cli.input.DocumentFiles;
import dev.nitroattest.cli.input.InputDocument;
import java.util.Optional;

/** One run of {@code inspect}: read, parse (never verify), print. */
final class Inspection {
    private final InspectCommand options;
    private final Terminal terminal;

    Inspection(InspectCommand options, Terminal terminal) {
        this.options = options;
        this.terminal = terminal;
    }

    ExitStatus run() {
        InputDocument input = new DocumentFiles(terminal, Optional.ofNullable(options.format)).read(options.file);
        AttestationDocument document;
        try {
            document = AttestationDocument.parse(input.bytes());
        } catch (DocumentRejectedException e) {
            throw UserError.rejected(input.name() + " is not a well-formed attestation document (" + e.reason()
                    + ": " + Sentences.clause(e.detail()) + "); check that the file is complete.");
        }
        if (options.json) {
            InspectJson.print(terminal.out(), input, document);
        } else {
            InspectText.print(terminal.out(), input, document);
        }
        return ExitStatus.SUCCESS;
    }
}
