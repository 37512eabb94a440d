package dev.nitroattest.cbor;

/** What {@link CborReader#next()} found; {@link #description()} names it in messages. */
public enum CborToken {
    /** The start of a map; its entries follow as KEY and value tokens. */
    MAP_START("a map"),
    /** The start of an array; its items follow. */
    ARRAY_START("an array"),
    /** The end of the innermost map or array, definite or indefinite. */
    END("the end of a map or array"),
    /** A map key; {@link CborReader#keyMajorType()} tells whether it is text, an integer or a byte string. */
    KEY("a map key"),
    /** A byte string. */
    BYTES("a byte string"),
    /** A text string. */
    TEXT("a text string"),
    /** An unsigned integer. */
    UNSIGNED("an unsigned integer"),
    /** A negative integer. */
    NEGATIVE("a negative integer"),
    /** A half, single or double precision float. */
    FLOAT("a float"),
    /** True or false. */
    BOOLEAN("a boolean"),
    /** Null. */
    NULL("null");

    private final String description;

    CborToken(String description) {
        this.description = description;
    }

    /** The kind of item with an article, for messages: "a byte string". */
    public String description() {
        return description;
    }
}
