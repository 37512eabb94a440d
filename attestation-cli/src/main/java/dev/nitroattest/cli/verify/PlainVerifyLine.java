package dev.nitroattest.cli.verify;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.cli.ExitStatus;
import dev.nitroattest.cli.Terminal;
import dev.nitroattest.cli.options.DurationConverter;
import dev.nitroattest.cli.options.HexConverter;
import dev.nitroattest.cli.options.InstantConverter;
import dev.nitroattest.cli.options.PathConverter;
import dev.nitroattest.cli.options.PcrPin;
import dev.nitroattest.cli.options.PcrPinConverter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code verify} command line read without picocli, when it is plain: each word after {@code verify} is a file, an
 * option of {@code verify} written out in full, or the value after such an option; no option given twice unless it
 * may be repeated, no word that starts with {@code -} or {@code @} other than an option name, every value accepted
 * by the converter picocli would use, and at least one file. Picocli reads such a line the same way; building its
 * model and parsing against it cost a run of the tool about 6 % of its CPU time (docs/performance.md, CLI start-up).
 * Any other line, among them every line that asks for help or is a usage error, goes to picocli, which parses it, and
 * words for it, as before.
 */
public final class PlainVerifyLine {
    // Package-private so that PlainVerifyLineModelTest can hold them to VerifyCommand's picocli model.
    static final Set<String> FLAGS =
            Set.of("--at-document-time", "--allow-debug", "--nitrotpm", "--json", "--quiet");
    static final Set<String> REPEATABLE = Set.of("--trust-anchor", "--pcr");
    static final Set<String> WITH_VALUE = Set.of("--trust-anchor", "--pcr", "--at", "--max-age", "--pcrs-from-eif",
            "--nonce", "--user-data", "--public-key");

    private final VerifyOptions options;

    private PlainVerifyLine(VerifyOptions options) {
        this.options = options;
    }

    /**
     * The options of a plain {@code verify} command line, or empty when {@code args} is anything else, which picocli
     * then parses.
     */
    public static Optional<PlainVerifyLine> parse(String... args) {
        if (args.length < 2 || !args[0].equals("verify")) {
            return Optional.empty();
        }
        Values values = new Values();
        Set<String> given = new HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String word = args[i];
            if (FLAGS.contains(word)) {
                if (!given.add(word)) {
                    return Optional.empty();
                }
                values.flag(word);
            } else if (WITH_VALUE.contains(word)) {
                if ((!given.add(word) && !REPEATABLE.contains(word)) || i + 1 == args.length
                        || !isPlainWord(args[i + 1])) {
                    return Optional.empty();
                }
                i++;
                if (!values.option(word, args[i])) {
                    return Optional.empty();
                }
            } else if (isPlainWord(word)) {
                values.files.add(word);
            } else {
                return Optional.empty();
            }
        }
        if (values.files.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PlainVerifyLine(values.options()));
    }

    /** Verifies the files as {@code verify} does with these options; a usage error is thrown as a UserError. */
    public ExitStatus run(Terminal terminal) {
        return new Verification(options, terminal).run();
    }

    /** Not empty, not an option (-), not an argument file (@): a word picocli takes as it stands. */
    private static boolean isPlainWord(String word) {
        return !word.isEmpty() && word.charAt(0) != '-' && word.charAt(0) != '@';
    }

    /** The options as they are read, in the types and with the converters of {@link VerifyCommand}'s model. */
    private static final class Values {
        final List<String> files = new ArrayList<>();
        final List<Path> trustAnchors = new ArrayList<>();
        final List<PcrPin> pcrs = new ArrayList<>();
        Instant at;
        Duration maxAge;
        Path pcrsFromEif;
        Bytes nonce;
        Bytes userData;
        Bytes publicKey;
        boolean atDocumentTime;
        boolean allowDebug;
        boolean nitroTpm;
        boolean json;
        boolean quiet;

        void flag(String name) {
            switch (name) {
                case "--at-document-time" -> atDocumentTime = true;
                case "--allow-debug" -> allowDebug = true;
                case "--nitrotpm" -> nitroTpm = true;
                case "--json" -> json = true;
                case "--quiet" -> quiet = true;
                default -> throw new IllegalArgumentException("no flag " + name);
            }
        }

        /** Whether the value converts; one that does not is a usage error, which picocli words. */
        boolean option(String name, String value) {
            try {
                switch (name) {
                    case "--trust-anchor" -> trustAnchors.add(new PathConverter().convert(value));
                    case "--pcr" -> pcrs.add(new PcrPinConverter().convert(value));
                    case "--at" -> at = new InstantConverter().convert(value);
                    case "--max-age" -> maxAge = new DurationConverter().convert(value);
                    case "--pcrs-from-eif" -> pcrsFromEif = new PathConverter().convert(value);
                    case "--nonce" -> nonce = new HexConverter().convert(value);
                    case "--user-data" -> userData = new HexConverter().convert(value);
                    case "--public-key" -> publicKey = new HexConverter().convert(value);
                    default -> throw new IllegalArgumentException("no option " + name);
                }
                return true;
            } catch (Exception e) {
                return false;
            }
        }

        VerifyOptions options() {
            return new VerifyOptions(files, trustAnchors, at, atDocumentTime, maxAge, pcrs, pcrsFromEif, nonce,
                    userData, publicKey, allowDebug, nitroTpm, null, json, quiet);
        }
    }
}
