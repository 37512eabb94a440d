package dev.nitroattest.cbor;

/** The bytes are not CBOR of the shape this library accepts; the message says where and why. */
public final class CborException extends Exception {
    private static final long serialVersionUID = 1L;

    /** With the message that says what is wrong and where. */
    public CborException(String message) {
        super(message);
    }
}
