/** {@code verify}: options to verifier settings, one outcome per file, text or JSON Lines reports. */
package dev.nitroattest.cli.verify;
