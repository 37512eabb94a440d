package dev.nitroattest.cli;

import picocli.CommandLine.Option;

/** The {@code -h, --help} option of each command; the version option belongs to the tool, not to its commands. */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
