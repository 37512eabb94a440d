package dev.nitroattest.cli.verify;

/** Prints outcomes on standard output, one line per file. */
sealed interface OutcomeReport permits TextReport, JsonReport, SilentReport {

    void write(Outcome outcome);
}
