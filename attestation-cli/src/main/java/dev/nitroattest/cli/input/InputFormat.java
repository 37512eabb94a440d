package dev.nitroattest.cli.input;

/** The encodings a document file may be in; {@code --format} forces one instead of detecting it. */
public enum InputFormat {
    /** The raw bytes of the COSE_Sign1, as the NSM returns them. */
    CBOR,
    /** Base64 of the raw bytes, standard or URL-safe alphabet, padding optional, line breaks ignored. */
    BASE64,
    /** Hexadecimal of the raw bytes, either case, white space ignored. */
    HEX
}
