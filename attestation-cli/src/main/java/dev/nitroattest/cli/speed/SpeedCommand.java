package dev.nitroattest.cli.speed;

import dev.nitroattest.cli.CommandModel;
import dev.nitroattest.cli.ExitStatus;
import dev.nitroattest.cli.Terminal;
import dev.nitroattest.cli.input.InputFormat;
import dev.nitroattest.cli.options.PathConverter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code nitro-attest speed}: the options and their help; {@link SpeedRun} does the work. */
public final class SpeedCommand implements Callable<Integer> {
    static final double MAX_SECONDS = 3600;
    static final int MAX_THREADS = 256;

    private final Terminal terminal;

    private final PositionalParamSpec fileParameter = PositionalParamSpec.builder()
            .paramLabel("FILE").arity("0..1").type(String.class)
            .description("A document file (raw CBOR, base64 or hex, or - for standard input). Default: a test-kit "
                    + "document.").build();
    private final OptionSpec secondsOption = OptionSpec.builder("--seconds").paramLabel("N").defaultValue("2")
            .type(double.class).converters(new SecondsConverter())
            .description("Measure each figure for N seconds (decimals allowed). Default: ${DEFAULT-VALUE}.").build();
    private final OptionSpec threadsOption = OptionSpec.builder("--threads").paramLabel("N").defaultValue("1")
            .type(int.class).converters(new ThreadCountConverter())
            .description("Run N threads at once, all on the same verifier; figures are their sum. "
                    + "Default: ${DEFAULT-VALUE}.").build();
    private final OptionSpec trustAnchorOption = OptionSpec.builder("--trust-anchor").paramLabel("PEM")
            .type(List.class).auxiliaryTypes(Path.class).converters(new PathConverter())
            .description("Trust this root CA certificate (a PEM file) for FILE instead of the embedded AWS Nitro "
                    + "Enclaves root. Repeat to trust several.").build();
    private final OptionSpec formatOption = OptionSpec.builder("--format").paramLabel("FORMAT")
            .type(InputFormat.class)
            .description("Read FILE as cbor, base64 or hex instead of detecting its format.").build();

    // The parsed values, copied out of the model when the command runs.
    String file;
    double seconds;
    int threads;
    List<Path> trustAnchors;
    InputFormat format;

    public SpeedCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /** The command's model, in the order its help lists the options. */
    public CommandSpec spec() {
        CommandSpec spec = CommandModel.command("speed", this)
                .addPositional(fileParameter)
                .addOption(secondsOption)
                .addOption(threadsOption)
                .addOption(trustAnchorOption)
                .addOption(formatOption)
                .addOption(CommandModel.helpOption());
        spec.usageMessage()
                .sortOptions(false)
                .header("Measure how many verifications per second this machine does.")
                .descriptionHeading("%n")
                .description(
                        "In the spirit of 'openssl speed', warms up each operation for half of --seconds, then "
                                + "measures each for --seconds in all, in ten turns taken with the others (so that "
                                + "load from elsewhere weighs on every figure alike), and prints one figure per line:",
                        "  es384-verify/s  the bare ECDSA P-384 signature check of the document (the baseline)",
                        "  parse/s         decoding the document, without verifying it",
                        "  verify-cold/s   a full verification with no cached chain: five signature checks",
                        "  verify-warm/s   a full verification with the chain cached: one signature check",
                        "  verify-new-leaf/s  a full verification of a leaf never seen, under intermediates verified "
                                + "before:",
                        "                  two signature checks (only without FILE: the jar's sample documents have "
                                + "new leaves)",
                        "",
                        "With FILE, that document is verified at its own timestamp, debug enclaves allowed; without, "
                                + "the jar's sample document, made by the test kit's PKI when the jar was built and "
                                + "signed under its test root. Figures vary from run to run; compare them on one "
                                + "machine.")
                .parameterListHeading("%nFile:%n")
                .optionListHeading("%nOptions:%n")
                .footerHeading("%nExample:%n")
                .footer("  nitro-attest speed --seconds 5 --threads 2 document.cbor");
        CommandModel.exitCodes(spec,
                "0:the figures were printed",
                "1:FILE does not verify at its own timestamp, so there is nothing to measure",
                "2:usage error",
                "3:FILE could not be read (missing, unreadable, empty, over 1 MiB or in no known format)",
                "4:internal error: please report it");
        return spec;
    }

    @Override
    public Integer call() throws InterruptedException {
        file = fileParameter.getValue();
        seconds = secondsOption.getValue();
        threads = threadsOption.getValue();
        trustAnchors = CommandModel.valueOr(trustAnchorOption, List.of());
        format = formatOption.getValue();
        ExitStatus status = new SpeedRun(this, terminal).run();
        return status.code();
    }
}
