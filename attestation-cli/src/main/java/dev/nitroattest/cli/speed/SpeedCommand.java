package dev.nitroattest.cli.speed;

import dev.nitroattest.cli.ExitStatus;
import dev.nitroattest.cli.HelpOption;
import dev.nitroattest.cli.Terminal;
import dev.nitroattest.cli.input.InputFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nitro-attest speed}: the options and their help; {@link SpeedRun} does the work. */
@Command(
        name = "speed",
        sortOptions = false,
        header = "Measure how many verifications per second this machine does.",
        descriptionHeading = "%n",
        description = {
            "In the spirit of 'openssl speed', warms up each operation for half of --seconds, then "
                    + "measures each for --seconds in all, in ten turns taken with the others (so that load from "
                    + "elsewhere weighs on every figure alike), and prints one figure per line:",
            "  es384-verify/s  the bare ECDSA P-384 signature check of the document (the baseline)",
            "  parse/s         decoding the document, without verifying it",
            "  verify-cold/s   a full verification with no cached chain: five signature checks",
            "  verify-warm/s   a full verification with the chain cached: one signature check",
            "  verify-new-leaf/s  a full verification of a leaf never seen, under intermediates verified before:",
            "                  two signature checks (only without FILE: the jar's sample documents have new leaves)",
            "",
            "With FILE, that document is verified at its own timestamp, debug enclaves allowed; without, the jar's "
                    + "sample document, made by the test kit's PKI when the jar was built and signed under its test "
                    + "root. Figures vary from run to run; compare them on one machine."
        },
        parameterListHeading = "%nFile:%n",
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:the figures were printed",
            "1:FILE does not verify at its own timestamp, so there is nothing to measure",
            "2:usage error",
            "3:FILE could not be read (missing, unreadable, empty, over 1 MiB or in no known format)",
            "4:internal error: please report it"
        },
        footerHeading = "%nExample:%n",
        footer = "  nitro-attest speed --seconds 5 --threads 2 document.cbor")
public final class SpeedCommand implements Callable<Integer> {
    static final double MAX_SECONDS = 3600;
    static final int MAX_THREADS = 256;

    private final Terminal terminal;

    @Parameters(paramLabel = "FILE", arity = "0..1",
            description = "A document file (raw CBOR, base64 or hex, or - for standard input). Default: a test-kit "
                    + "document.")
    String file;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "2", converter = SecondsConverter.class,
            description = "Measure each figure for N seconds (decimals allowed). Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1", converter = ThreadCountConverter.class,
            description = "Run N threads at once, all on the same verifier; figures are their sum. "
                    + "Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--trust-anchor", paramLabel = "PEM",
            description = "Trust this root CA certificate (a PEM file) for FILE instead of the embedded AWS Nitro "
                    + "Enclaves root. Repeat to trust several.")
    List<Path> trustAnchors = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Read FILE as cbor, base64 or hex instead of detecting its format.")
    InputFormat format;

    @Mixin
    HelpOption help;

    public SpeedCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws InterruptedException {
        ExitStatus status = new SpeedRun(this, terminal).run();
        return status.code();
    }
}
