package dev.nitroattest.cli.input;

import java.util.Objects;

/**
 * A document file's content, decoded from its encoding to the raw bytes of a COSE_Sign1 (not yet parsed).
 *
 * @param name the file as the user named it, {@code -} for standard input
 * @param format the encoding the file was in
 */
public record InputDocument(String name, InputFormat format, byte[] bytes) {

    public InputDocument {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        bytes = bytes.clone();
    }

    /** The raw document bytes (a fresh copy). */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }
}
