package dev.nitroattest.cli.image;

import dev.nitroattest.cli.CommandModel;
import dev.nitroattest.cli.ExitStatus;
import dev.nitroattest.cli.Terminal;
import dev.nitroattest.cli.options.PathConverter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code nitro-attest pcrs}: the options and their help; {@link ImageMeasurement} does the work. */
public final class PcrsCommand implements Callable<Integer> {
    private final Terminal terminal;

    private final PositionalParamSpec imageParameter = PositionalParamSpec.builder()
            .paramLabel("IMAGE.eif").arity("1").required(true).type(Path.class).converters(new PathConverter())
            .description("The enclave image file.").build();
    private final OptionSpec jsonOption = CommandModel.flag("--json",
            "Print JSON shaped like nitro-cli describe-eif's measurements.");

    // The parsed values, copied out of the model when the command runs.
    Path image;
    boolean json;

    public PcrsCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /** The command's model, in the order its help lists the options. */
    public CommandSpec spec() {
        CommandSpec spec = CommandModel.command("pcrs", this)
                .addPositional(imageParameter)
                .addOption(jsonOption)
                .addOption(CommandModel.helpOption());
        spec.usageMessage()
                .sortOptions(false)
                .header("Compute the PCRs an enclave image file (EIF) will report.")
                .descriptionHeading("%n")
                .description(
                        "Reads an enclave image file as nitro-cli builds it, checks its magic, version and CRC-32, "
                                + "and prints PCR0 (the whole image), PCR1 (kernel and bootstrap), PCR2 (the "
                                + "application) and, for a signed image, PCR8 (the signing certificate): the values "
                                + "nitro-cli describe-eif prints and that 'nitro-attest verify --pcrs-from-eif' pins.",
                        "",
                        "Text output is one 'PCR<n> <hex>' line per register; --json prints nitro-cli's shape.")
                .parameterListHeading("%nImage:%n")
                .optionListHeading("%nOptions:%n")
                .footerHeading("%nExample:%n")
                .footer("  nitro-attest pcrs --json app.eif");
        CommandModel.exitCodes(spec,
                "0:the measurements were printed",
                "1:the file is not a valid enclave image file (wrong magic or version, bad CRC, truncated...)",
                "2:usage error",
                "3:the file could not be read (missing or unreadable)",
                "4:internal error: please report it");
        return spec;
    }

    @Override
    public Integer call() {
        image = imageParameter.getValue();
        json = CommandModel.isSet(jsonOption);
        ExitStatus status = new ImageMeasurement(this, terminal).run();
        return status.code();
    }
}
