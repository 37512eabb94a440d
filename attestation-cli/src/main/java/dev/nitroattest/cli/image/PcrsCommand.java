package dev.nitroattest.cli.image;

import dev.nitroattest.cli.ExitStatus;
import dev.nitroattest.cli.HelpOption;
import dev.nitroattest.cli.Terminal;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nitro-attest pcrs}: the options and their help; {@link ImageMeasurement} does the work. */
@Command(
        name = "pcrs",
        sortOptions = false,
        header = "Compute the PCRs an enclave image file (EIF) will report.",
        descriptionHeading = "%n",
        description = {
            "Reads an enclave image file as nitro-cli builds it, checks its magic, version and CRC-32, and prints "
                    + "PCR0 (the whole image), PCR1 (kernel and bootstrap), PCR2 (the application) and, for a "
                    + "signed image, PCR8 (the signing certificate): the values nitro-cli describe-eif prints and "
                    + "that 'nitro-attest verify --pcrs-from-eif' pins.",
            "",
            "Text output is one 'PCR<n> <hex>' line per register; --json prints nitro-cli's shape."
        },
        parameterListHeading = "%nImage:%n",
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:the measurements were printed",
            "1:the file is not a valid enclave image file (wrong magic or version, bad CRC, truncated...)",
            "2:usage error",
            "3:the file could not be read (missing or unreadable)",
            "4:internal error: please report it"
        },
        footerHeading = "%nExample:%n",
        footer = "  nitro-attest pcrs --json app.eif")
public final class PcrsCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Parameters(paramLabel = "IMAGE.eif", arity = "1", description = "The enclave image file.")
    Path image;

    @Option(names = "--json", description = "Print JSON shaped like nitro-cli describe-eif's measurements.")
    boolean json;

    @Mixin
    HelpOption help;

    public PcrsCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        ExitStatus status = new ImageMeasurement(this, terminal).run();
        return status.code();
    }
}
