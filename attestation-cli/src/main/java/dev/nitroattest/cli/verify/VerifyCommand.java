package dev.nitroattest.cli.verify;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.cli.CommandModel;
import dev.nitroattest.cli.ExitStatus;
import dev.nitroattest.cli.Phases;
import dev.nitroattest.cli.Terminal;
import dev.nitroattest.cli.input.InputFormat;
import dev.nitroattest.cli.options.DurationConverter;
import dev.nitroattest.cli.options.HexConverter;
import dev.nitroattest.cli.options.InstantConverter;
import dev.nitroattest.cli.options.PathConverter;
import dev.nitroattest.cli.options.PcrPin;
import dev.nitroattest.cli.options.PcrPinConverter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code nitro-attest verify}: the options and their help. The work is done by {@link Verification}, which this class
 * only hands its options to, so that printing help loads none of the verifier.
 */
public final class VerifyCommand implements Callable<Integer> {
    private final Terminal terminal;

    private final PositionalParamSpec filesParameter = PositionalParamSpec.builder()
            .paramLabel("FILE").arity("1..*").required(true).type(List.class).auxiliaryTypes(String.class)
            .description("Document files: raw CBOR, base64 or hex (detected), or - for standard input.").build();
    private final OptionSpec trustAnchorOption = OptionSpec.builder("--trust-anchor").paramLabel("PEM")
            .type(List.class).auxiliaryTypes(Path.class).converters(new PathConverter())
            .description("Trust this root CA certificate (a PEM file) instead of the embedded AWS Nitro Enclaves "
                    + "root. Repeat to trust several.").build();
    private final OptionSpec atOption = OptionSpec.builder("--at").paramLabel("TIME").type(Instant.class)
            .converters(new InstantConverter())
            .description("Verify as of this time instead of now: ISO-8601 (2025-04-04T18:39:07Z) or milliseconds "
                    + "since the epoch.").build();
    private final OptionSpec atDocumentTimeOption = CommandModel.flag("--at-document-time",
            "Verify each document as of its own timestamp. This proves it was authentic when it was made, not that "
                    + "it is fresh now.");
    private final OptionSpec maxAgeOption = OptionSpec.builder("--max-age").paramLabel("DURATION")
            .type(Duration.class).converters(new DurationConverter())
            .description("Reject documents older than this at the verification time: 30s, 5m, 2h, 1d or PT5M. "
                    + "Not with --at-document-time, at which every document's age is 0. Default: no limit (files are "
                    + "often archived documents), as a library caller gets with anyAge().").build();
    private final OptionSpec pcrOption = OptionSpec.builder("--pcr").paramLabel("INDEX=HEX")
            .type(List.class).auxiliaryTypes(PcrPin.class).converters(new PcrPinConverter())
            .description("Require PCR INDEX (0-31) to be HEX (96 hex digits). Repeat for more PCRs; the same "
                    + "index several times accepts any of those values.").build();
    private final OptionSpec pcrsFromEifOption = OptionSpec.builder("--pcrs-from-eif").paramLabel("IMAGE.eif")
            .type(Path.class).converters(new PathConverter())
            .description("Require the PCR0, PCR1 and PCR2 of this enclave image file, and its PCR8 if it is signed. "
                    + "Combines with --pcr: a PCR pinned by both accepts either value. Not with --nitrotpm.").build();
    private final OptionSpec nonceOption = OptionSpec.builder("--nonce").paramLabel("HEX").type(Bytes.class)
            .converters(new HexConverter())
            .description("Require exactly this nonce. Default: the nonce is not checked (a file comes with no "
                    + "challenge of ours), as a library caller gets with Expectations.withoutNonce().").build();
    private final OptionSpec userDataOption = OptionSpec.builder("--user-data").paramLabel("HEX").type(Bytes.class)
            .converters(new HexConverter()).description("Require exactly this user_data.").build();
    private final OptionSpec publicKeyOption = OptionSpec.builder("--public-key").paramLabel("HEX").type(Bytes.class)
            .converters(new HexConverter()).description("Require exactly this public_key.").build();
    private final OptionSpec allowDebugOption = CommandModel.flag("--allow-debug",
            "Accept documents from debug-mode enclaves (PCR0, PCR1 and PCR2 all zero), which prove nothing about the "
                    + "code that runs. Default: rejected as DEBUG_ENCLAVE.");
    private final OptionSpec nitroTpmOption = CommandModel.flag("--nitrotpm",
            "Verify NitroTPM documents (from EC2 instances) instead of enclave documents; --pcr then refers to "
                    + "nitrotpm_pcrs (0-23).");
    private final OptionSpec formatOption = OptionSpec.builder("--format").paramLabel("FORMAT")
            .type(InputFormat.class)
            .description("Read every file as cbor, base64 or hex instead of detecting each file's format.").build();
    private final OptionSpec jsonOption = CommandModel.flag("--json",
            "Print one JSON object per file and line (JSON Lines).");
    private final OptionSpec quietOption = CommandModel.flag("--quiet",
            "Print no result lines and no warning: only the exit status and errors tell the result.");

    // The parsed values, copied out of the model when the command runs.
    List<String> files;
    List<Path> trustAnchors;
    Instant at;
    boolean atDocumentTime;
    Duration maxAge;
    List<PcrPin> pcrs;
    Path pcrsFromEif;
    Bytes nonce;
    Bytes userData;
    Bytes publicKey;
    boolean allowDebug;
    boolean nitroTpm;
    InputFormat format;
    boolean json;
    boolean quiet;

    public VerifyCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /** The command's model, in the order its help lists the options. */
    public CommandSpec spec() {
        CommandSpec spec = CommandModel.command("verify", this)
                .addPositional(filesParameter)
                .addOption(trustAnchorOption)
                .addOption(atOption)
                .addOption(atDocumentTimeOption)
                .addOption(maxAgeOption)
                .addOption(pcrOption)
                .addOption(pcrsFromEifOption)
                .addOption(nonceOption)
                .addOption(userDataOption)
                .addOption(publicKeyOption)
                .addOption(allowDebugOption)
                .addOption(nitroTpmOption)
                .addOption(formatOption)
                .addOption(jsonOption)
                .addOption(quietOption)
                .addOption(CommandModel.helpOption());
        spec.usageMessage()
                .sortOptions(false)
                .header("Verify attestation documents.")
                .descriptionHeading("%n")
                .description(
                        "Checks each document's certificate chain up to a trusted root (by default the AWS Nitro "
                                + "Enclaves root embedded in the tool), its ES384 signature, its freshness, and the "
                                + "enclave measurements (PCRs) you pin, at the current time unless told otherwise.",
                        "",
                        "Prints one line per file on standard output:",
                        "  VERIFIED <file> module=<module_id> time=<document timestamp>",
                        "  REJECTED <file> <REASON_CODE>: <detail>",
                        "A file that cannot be read gets a message on standard error instead. In <file> and "
                                + "<module_id> a space is written \\x20 and a backslash \\\\, so that each is one "
                                + "word; there and in <detail>, control and other non-printable characters are "
                                + "written as escapes such as \\n, \\x1b or \\u202e.",
                        "",
                        "With --json, one JSON object per file and line, in order, with the keys file, verified, "
                                + "reason, detail, kind, module_id, timestamp, digest, debug_enclave, pcrs, "
                                + "public_key, user_data, nonce, certificate and verification_time. A file that "
                                + "cannot be read gets an object too, with verified false, reason UNREADABLE, its "
                                + "message as detail, and null for the rest.",
                        "",
                        "With no PCR pinned, only the documents' authenticity is checked, not which enclave image "
                                + "made them; a warning on standard error says so.")
                .parameterListHeading("%nFiles:%n")
                .optionListHeading("%nOptions:%n")
                .footerHeading("%nExamples:%n")
                .footer("  nitro-attest verify --pcrs-from-eif app.eif --nonce 6e6f6e6365 document.cbor",
                        "  nitro-attest verify --trust-anchor test-root.pem --at-document-time --json document.b64");
        CommandModel.exitCodes(spec,
                "0:every document verified",
                "1:at least one document was rejected, and every file could be read",
                "2:usage error: a bad option or value, or an unusable trust anchor or image (nothing is verified)",
                "3:at least one file could not be read (missing, unreadable, empty, over 1 MiB or in no known format)",
                "4:internal error: please report it");
        return spec;
    }

    @Override
    public Integer call() {
        Phases.mark("model: parsed");
        files = CommandModel.valueOr(filesParameter, List.of());
        trustAnchors = CommandModel.valueOr(trustAnchorOption, List.of());
        at = atOption.getValue();
        atDocumentTime = CommandModel.isSet(atDocumentTimeOption);
        maxAge = maxAgeOption.getValue();
        pcrs = CommandModel.valueOr(pcrOption, List.of());
        pcrsFromEif = pcrsFromEifOption.getValue();
        nonce = nonceOption.getValue();
        userData = userDataOption.getValue();
        publicKey = publicKeyOption.getValue();
        allowDebug = CommandModel.isSet(allowDebugOption);
        nitroTpm = CommandModel.isSet(nitroTpmOption);
        format = formatOption.getValue();
        json = CommandModel.isSet(jsonOption);
        quiet = CommandModel.isSet(quietOption);
        ExitStatus status = new Verification(this, terminal).run();
        return status.code();
    }
}
