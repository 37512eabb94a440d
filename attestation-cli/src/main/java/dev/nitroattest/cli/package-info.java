/** The nitro-attest command-line tool. */
package dev.nitroattest.cli;
