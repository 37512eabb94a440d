package dev.nitroattest.cbor.internal;

/** The bytes are not CBOR this decoder accepts; the message says what is wrong and where. */
public final class CborFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public CborFormatException(String message) {
        super(message);
    }
}
