package dev.nitroattest.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/** The top-level command: it only dispatches to the subcommands, which {@link NitroAttest} adds. */
final class NitroAttestCommand implements Callable<Integer> {
    private CommandSpec spec;

    private NitroAttestCommand() {
    }

    /** The tool's model without its subcommands. The two options are those of picocli's standard help options. */
    static CommandSpec spec() {
        NitroAttestCommand command = new NitroAttestCommand();
        CommandSpec spec = CommandModel.command("nitro-attest", command)
                .versionProvider(new Version())
                .addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show this help message and exit.").build())
                .addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                        .description("Print version information and exit.").build());
        spec.usageMessage()
                .synopsisSubcommandLabel("COMMAND")
                .header("Verify and inspect AWS Nitro Enclaves attestation documents, measure and build enclave images.")
                .descriptionHeading("%n")
                .description("Documents may be raw CBOR, base64 or hex; the format is detected. Run 'nitro-attest "
                        + "COMMAND --help' for a command's options.")
                .commandListHeading("%nCommands:%n")
                .optionListHeading("%nOptions:%n");
        CommandModel.exitCodes(spec,
                "0:success (every document verified)",
                "1:a document or image was rejected",
                "2:usage error",
                "3:a file could not be read",
                "4:internal error: please report it");
        command.spec = spec;
        return spec;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "a command is needed: verify, inspect, pcrs, build-image, speed or tls.");
    }
}
