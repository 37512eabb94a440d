package dev.nitroattest.cli.verify;

/** {@code --quiet}: the exit status is the only result. */
final class SilentReport implements OutcomeReport {

    @Override
    public void write(Outcome outcome) {
        // Quiet on purpose: the caller asked for the exit status alone.
    }
}
