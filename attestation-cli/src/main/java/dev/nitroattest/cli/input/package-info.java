/** Reading document files and standard input, and detecting or forcing their encoding. */
package dev.nitroattest.cli.input;
