package dev.nitroattest.cbor.internal;

/** The kinds of CBOR item, as named in error messages. */
public enum CborType {
    UNSIGNED_INTEGER("an unsigned integer"),
    NEGATIVE_INTEGER("a negative integer"),
    BYTE_STRING("a byte string"),
    TEXT_STRING("a text string"),
    ARRAY("an array"),
    MAP("a map"),
    TAG("a tagged item"),
    BOOLEAN("a boolean"),
    NULL("null"),
    BREAK("a break"),
    OTHER_SIMPLE("a float, undefined or another simple value");

    private final String description;

    CborType(String description) {
        this.description = description;
    }

    /** The kind with an article, for messages: "a byte string". */
    public String description() {
        return description;
    }
}
