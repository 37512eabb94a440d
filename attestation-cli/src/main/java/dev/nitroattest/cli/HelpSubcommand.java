package dev.nitroattest.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code nitro-attest help [COMMAND]}: the help of the tool or of one command. Picocli's own {@code HelpCommand}
 * does the same, but its model is read from its annotations by reflection; this one's is built, with the same
 * texts, so that its help and the tool's command list read as before.
 */
final class HelpSubcommand implements IHelpCommandInitializable2, Callable<Integer> {
    private final PositionalParamSpec commandParameter = PositionalParamSpec.builder()
            .paramLabel("COMMAND").arity("0..1").type(String.class)
            .description("The COMMAND to display the usage help message for.").build();
    private CommandLine self;
    private ColorScheme colorScheme;
    private PrintWriter out;

    CommandSpec spec() {
        CommandSpec spec = CommandModel.command("help", this)
                .helpCommand(true)
                .addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show usage help for the help command and exit.").build())
                .addPositional(commandParameter);
        spec.usageMessage()
                .header("Display help information about the specified command.")
                .synopsisHeading("%nUsage: ")
                .description("%nWhen no COMMAND is given, the usage help for the main command is displayed.",
                        "If a COMMAND is specified, the help for that command is shown.%n");
        return spec;
    }

    @Override
    public void init(CommandLine helpCommandLine, ColorScheme colors, PrintWriter outWriter, PrintWriter errWriter) {
        this.self = helpCommandLine;
        this.colorScheme = colors;
        this.out = outWriter;
    }

    @Override
    public Integer call() {
        CommandLine parent = self.getParent();
        String name = commandParameter.getValue();
        if (name == null) {
            parent.usage(out, colorScheme);
            return parent.getCommandSpec().exitCodeOnUsageHelp();
        }
        CommandLine command = parent.getSubcommands().get(name);
        if (command == null) {
            throw new ParameterException(parent, "Unknown subcommand '" + name + "'.", null, name);
        }
        command.usage(out, colorScheme);
        return command.getCommandSpec().exitCodeOnUsageHelp();
    }
}
