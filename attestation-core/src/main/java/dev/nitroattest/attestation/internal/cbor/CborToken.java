package dev.nitroattest.attestation.internal.cbor;

/** What {@link CborReader#next()} found. */
public enum CborToken {
    MAP_START,
    ARRAY_START,
    /** The end of the innermost map or array, definite or indefinite. */
    END,
    /** A map key; {@link CborReader#keyMajorType()} tells whether it is text, an integer or something else. */
    KEY,
    BYTES,
    TEXT,
    UNSIGNED,
    NEGATIVE,
    FLOAT,
    BOOLEAN,
    NULL
}
