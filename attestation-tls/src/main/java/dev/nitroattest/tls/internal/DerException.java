package dev.nitroattest.tls.internal;

/** The bytes are not the DER they should be; the message says what, as a phrase to put in a sentence. */
public final class DerException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Says what is wrong, as a phrase: "a length in more bytes than it needs". */
    public DerException(String what) {
        super(what);
    }
}
