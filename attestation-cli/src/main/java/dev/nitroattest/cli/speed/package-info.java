/** {@code speed}: operations per second of the ES384 baseline, parsing, and cold and warm verification. */
package dev.nitroattest.cli.speed;
