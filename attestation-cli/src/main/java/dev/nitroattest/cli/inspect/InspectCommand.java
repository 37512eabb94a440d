package dev.nitroattest.cli.inspect;

import dev.nitroattest.cli.ExitStatus;
import dev.nitroattest.cli.HelpOption;
import dev.nitroattest.cli.Terminal;
import dev.nitroattest.cli.input.InputFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nitro-attest inspect}: the options and their help; {@link Inspection} does the work. */
@Command(
        name = "inspect",
        sortOptions = false,
        header = "Print every field of a document, decoded but NOT VERIFIED.",
        descriptionHeading = "%n",
        description = {
            "Decodes a document without checking anything: use it to look at what an enclave sent, including "
                    + "documents that fail verification. Nothing it prints can be trusted; 'nitro-attest verify' "
                    + "checks a document.",
            "",
            "Prints PCRs in hex, the certificate and CA bundle with subject, issuer, validity and SHA-256 "
                    + "fingerprint, and public_key, user_data and nonce in hex and, where printable, as text."
        },
        parameterListHeading = "%nFile:%n",
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:the document was decoded and printed",
            "1:the file does not hold a well-formed attestation document",
            "2:usage error",
            "3:the file could not be read (missing, unreadable, empty, over 1 MiB or in no known format)",
            "4:internal error: please report it"
        },
        footerHeading = "%nExample:%n",
        footer = "  nitro-attest inspect --json document.cbor")
public final class InspectCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Parameters(paramLabel = "FILE", arity = "1",
            description = "The document file: raw CBOR, base64 or hex (detected), or - for standard input.")
    String file;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Read the file as cbor, base64 or hex instead of detecting its format.")
    InputFormat format;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Mixin
    HelpOption help;

    public InspectCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        ExitStatus status = new Inspection(this, terminal).run();
        return status.code();
    }
}
