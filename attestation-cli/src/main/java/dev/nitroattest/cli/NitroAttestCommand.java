package dev.nitroattest.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level command: it only dispatches to the subcommands, which {@link NitroAttest} adds. */
@Command(
        name = "nitro-attest",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        synopsisSubcommandLabel = "COMMAND",
        header = "Verify and inspect AWS Nitro Enclaves attestation documents, measure enclave images.",
        descriptionHeading = "%n",
        description = {
            "Documents may be raw CBOR, base64 or hex; the format is detected. Run 'nitro-attest COMMAND --help' for "
                    + "a command's options."
        },
        commandListHeading = "%nCommands:%n",
        optionListHeading = "%nOptions:%n",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:success (every document verified)",
            "1:a document or image was rejected",
            "2:usage error",
            "3:a file could not be read",
            "4:internal error: please report it"
        },
        subcommands = HelpCommand.class)
final class NitroAttestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a command is needed: verify, inspect, pcrs, speed or tls.");
    }
}
