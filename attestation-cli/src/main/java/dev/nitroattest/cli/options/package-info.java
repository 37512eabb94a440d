/** Option values the commands share: PCR pins, hex, times, durations, trust anchor files. */
package dev.nitroattest.cli.options;
