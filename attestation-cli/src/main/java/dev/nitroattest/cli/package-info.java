/**
 * The {@code nitro-attest} command-line tool: {@link dev.nitroattest.cli.NitroAttest} is its entry point, each
 * subpackage one command or what the commands share. Exit statuses are {@link dev.nitroattest.cli.ExitStatus}; every
 * failure a user can cause is a {@link dev.nitroattest.cli.UserError} with one sentence.
 */
package dev.nitroattest.cli;
