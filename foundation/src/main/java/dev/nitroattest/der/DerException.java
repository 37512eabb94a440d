package dev.nitroattest.der;

/**
 * The bytes are not the DER they should be; the message says what, as a phrase to put in a sentence. Its
 * {@link #kind()} tells bytes that are valid BER written in another form than DER's one form (a long or indefinite
 * length, an unsorted SET OF) from bytes that are no valid encoding at all, as callers word the two differently.
 */
public final class DerException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the bytes. */
    public enum Kind {
        /** Not a valid encoding of the type: truncated, a wrong type, a value the type cannot have. */
        MALFORMED,
        /** A valid BER encoding, but not the one DER allows: re-encoding it as DER gives other bytes. */
        NOT_DER
    }

    /** Whether the bytes are malformed or BER that is not DER. */
    private final Kind kind;

    /** Says what is wrong, as a phrase: "an INTEGER with a redundant leading byte"; the bytes are malformed. */
    public DerException(String what) {
        this(Kind.MALFORMED, what);
    }

    /** Says what is wrong, as a phrase, and of which kind. */
    public DerException(Kind kind, String what) {
        super(what);
        this.kind = kind;
    }

    /** The fault of bytes that are BER but not DER, such as "a length in more bytes than it needs". */
    public static DerException notDer(String what) {
        return new DerException(Kind.NOT_DER, what);
    }

    /** Whether the bytes are malformed or valid BER that is not DER. */
    public Kind kind() {
        return kind;
    }
}
