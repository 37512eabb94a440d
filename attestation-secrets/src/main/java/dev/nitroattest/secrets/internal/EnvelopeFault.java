package dev.nitroattest.secrets.internal;

/** What is wrong with an envelope, in the internal layer's terms; the public layer turns it into a refusal. */
public final class EnvelopeFault extends Exception {
    private static final long serialVersionUID = 1L;

    /** The kinds of fault. */
    public enum Kind {
        /** Not the structure at all. */
        MALFORMED,
        /** The structure, with an algorithm or parameter outside the form's profile. */
        UNSUPPORTED,
        /** More or fewer recipients than one. */
        RECIPIENTS,
        /** The authenticated form's tag is not one that could authenticate it (not the 16 bytes it must be). */
        TAG
    }

    private final Kind kind;

    private EnvelopeFault(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    static EnvelopeFault malformed(String message) {
        return new EnvelopeFault(Kind.MALFORMED, message);
    }

    static EnvelopeFault unsupported(String message) {
        return new EnvelopeFault(Kind.UNSUPPORTED, message);
    }

    static EnvelopeFault recipients(String message) {
        return new EnvelopeFault(Kind.RECIPIENTS, message);
    }

    static EnvelopeFault tag(String message) {
        return new EnvelopeFault(Kind.TAG, message);
    }

    /** What kind of fault it is. */
    public Kind kind() {
        return kind;
    }
}
