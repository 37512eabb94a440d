/** The sample files the build ships in the jar for {@code speed} and the class-data training. */
package dev.nitroattest.cli.samples;
