/**
 * How the project's processes start and write JSON, so that they answer alike: {@link
 * dev.nitroattest.process.CommandLineProcess} reads a command line with picocli and starts the program (a wrong
 * command line is one sentence and exit status 2; {@code --help} and {@code --version} print and exit 0), {@link
 * dev.nitroattest.process.StartupFailure} is the one start-up failure (one sentence and its exit status), and {@link
 * dev.nitroattest.process.JsonText} is the one JSON writer of the CLI, the proxy and the KMS emulator, every
 * non-printable character escaped.
 */
package dev.nitroattest.process;
