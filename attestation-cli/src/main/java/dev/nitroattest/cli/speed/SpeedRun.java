package dev.nitroattest.cli.speed;

import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.cli.ExitStatus;
import dev.nitroattest.cli.Sentences;
import dev.nitroattest.cli.Terminal;
import dev.nitroattest.cli.UserError;
import dev.nitroattest.cli.input.DocumentFiles;
import dev.nitroattest.cli.input.InputDocument;
import dev.nitroattest.cli.options.TrustAnchorFiles;
import dev.nitroattest.cli.samples.Samples;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One run of {@code speed}: check the options, prepare the document, measure each operation, print the figures. */
final class SpeedRun {
    /** Each figure is measured in this many slices, taken in turns with the other figures'. */
    private static final int SLICES = 10;

    private final SpeedCommand options;
    private final Terminal terminal;

    SpeedRun(SpeedCommand options, Terminal terminal) {
        this.options = options;
        this.terminal = terminal;
    }

    ExitStatus run() throws InterruptedException {
        checkOptions();
        SpeedOperations operations = prepare();
        Duration duration = Duration.ofNanos(Math.round(options.seconds * 1e9));
        List<Operation> all = operations.all();
        terminal.error(String.format(Locale.ROOT, "measuring %s on %d thread%s, about %.0f s in all.",
                options.file == null ? "a test-kit document" : options.file, options.threads,
                options.threads == 1 ? "" : "s", all.size() * options.seconds * 1.5));
        // Every operation is warmed up before any is measured: they share code (hashing, field arithmetic) that the
        // JIT compiler would otherwise still be compiling while the first figure is taken.
        Duration warmUp = duration.dividedBy(2);
        for (Operation operation : all) {
            Throughput.measure(operation.task(), warmUp, new Throughput.Tally(options.threads));
        }
        // Measured in turns of short slices rather than one operation after the other: on a shared machine a burst
        // of load from elsewhere then falls on every figure alike, and the ratios between them hold.
        Duration slice = duration.dividedBy(SLICES);
        List<Throughput.Tally> tallies = new ArrayList<>(all.size());
        all.forEach(operation -> tallies.add(new Throughput.Tally(options.threads)));
        for (int turn = 0; turn < SLICES; turn++) {
            for (int i = 0; i < all.size(); i++) {
                Throughput.measure(all.get(i).task(), slice, tallies.get(i));
            }
        }
        for (int i = 0; i < all.size(); i++) {
            terminal.out().println(all.get(i).label() + " " + Math.round(tallies.get(i).perSecond()));
        }
        return ExitStatus.SUCCESS;
    }

    private void checkOptions() {
        if (!(options.seconds > 0 && options.seconds <= SpeedCommand.MAX_SECONDS)) {
            throw UserError.usage("--seconds must be more than 0 and at most " + (int) SpeedCommand.MAX_SECONDS
                    + "; " + options.seconds + " was given.");
        }
        if (options.threads < 1 || options.threads > SpeedCommand.MAX_THREADS) {
            throw UserError.usage("--threads must be from 1 to " + SpeedCommand.MAX_THREADS + "; " + options.threads
                    + " was given.");
        }
        if (options.file == null && !options.trustAnchors.isEmpty()) {
            throw UserError.usage("--trust-anchor applies to a FILE; without one, speed measures the jar's sample "
                    + "document under its own test root.");
        }
    }

    private SpeedOperations prepare() {
        if (options.file == null) {
            try {
                return SpeedOperations.prepare(Samples.document(), List.of(TrustAnchor.fromPem(Samples.rootPem())))
                        .withNewLeaves();
            } catch (DocumentRejectedException e) {
                throw new IllegalStateException("the sample document does not verify", e);
            }
        }
        List<TrustAnchor> anchors = options.trustAnchors.isEmpty()
                ? List.of(TrustAnchor.awsNitroEnclavesRootG1())
                : TrustAnchorFiles.load(options.trustAnchors);
        InputDocument input = new DocumentFiles(terminal, Optional.ofNullable(options.format)).read(options.file);
        try {
            return SpeedOperations.prepare(input.bytes(), anchors);
        } catch (DocumentRejectedException e) {
            throw UserError.rejected(input.name() + " does not verify at its own timestamp (" + e.reason() + ": "
                    + Sentences.clause(e.detail()) + "), so there is nothing to measure; give a document that does.");
        }
    }
}
