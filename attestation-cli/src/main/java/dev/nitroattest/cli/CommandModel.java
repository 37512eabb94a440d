package dev.nitroattest.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Builds picocli's model of a command through its programmatic API and reads the parsed values back. No annotation
 * is read and nothing is reflected on: picocli's annotated model of the four commands took about as long as a
 * verification, before the command asked for even ran (docs/performance.md, CLI start-up). Values stay in the
 * model's own bindings; a command copies them out when it runs.
 */
public final class CommandModel {
    private CommandModel() {
    }

    /**
     * A command whose user object picocli calls when the command runs, with no options yet. The object is not
     * inspected for annotations.
     */
    public static CommandSpec command(String name, Object userObject) {
        return CommandSpec.wrapWithoutInspection(userObject).name(name);
    }

    /** The {@code -h, --help} option of each command; the version option belongs to the tool, not to its commands. */
    public static OptionSpec helpOption() {
        return OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help and exit.").build();
    }

    /** An option that takes no value. */
    public static OptionSpec flag(String name, String... description) {
        return OptionSpec.builder(name).type(boolean.class).description(description).build();
    }

    /**
     * The exit statuses in help, each written {@code "CODE:meaning"} as in picocli's annotation, under the heading
     * every command uses.
     */
    public static void exitCodes(CommandSpec spec, String... entries) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            codes.put(entry.substring(0, colon), entry.substring(colon + 1));
        }
        spec.usageMessage().exitCodeListHeading("%nExit status:%n").exitCodeList(codes);
    }

    /** The value the command line gave the option or parameter, or {@code absent} when it gave none. */
    public static <T> T valueOr(ArgSpec arg, T absent) {
        T value = arg.getValue();
        return value != null ? value : absent;
    }

    /** Whether the command line gave this flag. */
    public static boolean isSet(OptionSpec flag) {
        return Boolean.TRUE.equals(flag.getValue());
    }
}
