package dev.nitroattest.cli.input;

import dev.nitroattest.cli.Sentences;
import dev.nitroattest.cli.Terminal;
import dev.nitroattest.cli.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads document files named on the command line, or standard input for {@code -}, and decodes them to document
 * bytes. Reading stops after {@value #MAX_INPUT_BYTES} bytes: a real document is about 5 KB (under 7 KB in base64),
 * so anything larger is the wrong file and is refused before it is decoded.
 */
public final class DocumentFiles {
    /** The argument that names standard input. */
    public static final String STANDARD_INPUT = "-";
    /** 1 MiB. */
    public static final int MAX_INPUT_BYTES = 1 << 20;

    private final Terminal terminal;
    private final Optional<InputFormat> forcedFormat;

    /**
     * @param forcedFormat the format given with {@code --format}, or empty to detect each file's
     */
    public DocumentFiles(Terminal terminal, Optional<InputFormat> forcedFormat) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.forcedFormat = Objects.requireNonNull(forcedFormat, "forcedFormat");
    }

    /**
     * Reads and decodes one file argument.
     *
     * @throws UserError (unreadable) if the file is missing, unreadable, empty, too large or in no known format
     */
    public InputDocument read(String argument) {
        String description = argument.equals(STANDARD_INPUT) ? "standard input" : Sentences.fileName(argument);
        return DocumentDecoder.decode(argument, description, content(argument), forcedFormat);
    }

    private byte[] content(String argument) {
        if (argument.equals(STANDARD_INPUT)) {
            try {
                return bounded("standard input", terminal.in());
            } catch (IOException e) {
                throw UserError.unreadable("cannot read standard input (" + Sentences.ioFailure(e) + "); check what "
                        + "feeds it.");
            }
        }
        String name = Sentences.fileName(argument);
        Path path;
        try {
            path = Path.of(argument);
        } catch (InvalidPathException e) {
            throw UserError.unreadable(name + " is not a valid file path; check the name.");
        }
        if (Files.isDirectory(path)) {
            throw UserError.unreadable(name + " is a directory; give the path of a document file.");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return bounded(name, in);
        } catch (IOException e) {
            throw UserError.cannotRead(name, e);
        }
    }

    private static byte[] bounded(String name, InputStream in) throws IOException {
        byte[] content = in.readNBytes(MAX_INPUT_BYTES + 1);
        if (content.length > MAX_INPUT_BYTES) {
            throw UserError.unreadable(name + " is larger than 1 MiB, far more than an attestation document (about "
                    + "5 KB); check that it is the right file.");
        }
        return content;
    }
}
