package dev.nitroattest.cli.inspect;

import dev.nitroattest.cli.CommandModel;
import dev.nitroattest.cli.ExitStatus;
import dev.nitroattest.cli.Terminal;
import dev.nitroattest.cli.input.InputFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code nitro-attest inspect}: the options and their help; {@link Inspection} does the work. */
public final class InspectCommand implements Callable<Integer> {
    private final Terminal terminal;

    private final PositionalParamSpec fileParameter = PositionalParamSpec.builder()
            .paramLabel("FILE").arity("1").required(true).type(String.class)
            .description("The document file: raw CBOR, base64 or hex (detected), or - for standard input.").build();
    private final OptionSpec formatOption = OptionSpec.builder("--format").paramLabel("FORMAT")
            .type(InputFormat.class)
            .description("Read the file as cbor, base64 or hex instead of detecting its format.").build();
    private final OptionSpec jsonOption = CommandModel.flag("--json", "Print one JSON object instead of text.");

    // The parsed values, copied out of the model when the command runs.
    String file;
    InputFormat format;
    boolean json;

    public InspectCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /** The command's model, in the order its help lists the options. */
    public CommandSpec spec() {
        CommandSpec spec = CommandModel.command("inspect", this)
                .addPositional(fileParameter)
                .addOption(formatOption)
                .addOption(jsonOption)
                .addOption(CommandModel.helpOption());
        spec.usageMessage()
                .sortOptions(false)
                .header("Print every field of a document, decoded but NOT VERIFIED.")
                .descriptionHeading("%n")
                .description(
                        "Decodes a document without checking anything: use it to look at what an enclave sent, "
                                + "including documents that fail verification. Nothing it prints can be trusted; "
                                + "'nitro-attest verify' checks a document.",
                        "",
                        "Prints PCRs in hex, the certificate and CA bundle with subject, issuer, validity and SHA-256 "
                                + "fingerprint, and public_key, user_data and nonce in hex and, where printable, as "
                                + "text.")
                .parameterListHeading("%nFile:%n")
                .optionListHeading("%nOptions:%n")
                .footerHeading("%nExample:%n")
                .footer("  nitro-attest inspect --json document.cbor");
        CommandModel.exitCodes(spec,
                "0:the document was decoded and printed",
                "1:the file does not hold a well-formed attestation document",
                "2:usage error",
                "3:the file could not be read (missing, unreadable, empty, over 1 MiB or in no known format)",
                "4:internal error: please report it");
        return spec;
    }

    @Override
    public Integer call() {
        file = fileParameter.getValue();
        format = formatOption.getValue();
        json = CommandModel.isSet(jsonOption);
        ExitStatus status = new Inspection(this, terminal).run();
        return status.code();
    }
}
