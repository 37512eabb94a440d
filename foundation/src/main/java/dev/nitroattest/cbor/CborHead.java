package dev.nitroattest.cbor;

/**
 * Reads the head of a CBOR data item (RFC 8949 section 3) from raw bytes: the major type, the
 * additional information and the argument. Static helpers rather than an object, because the scanner
 * reads every head of a document and must not allocate.
 */
public final class CborHead {
    /** Major type 0, unsigned integer. */
    public static final int UNSIGNED = 0;
    /** Major type 1, negative integer. */
    public static final int NEGATIVE = 1;
    /** Major type 2, byte string. */
    public static final int BYTES = 2;
    /** Major type 3, text string. */
    public static final int TEXT = 3;
    /** Major type 4, array. */
    public static final int ARRAY = 4;
    /** Major type 5, map. */
    public static final int MAP = 5;
    /** Major type 6, tag. */
    public static final int TAG = 6;
    /** Major type 7, simple values and floats. */
    public static final int SIMPLE = 7;

    /** Additional information 31: indefinite length, or the break stop code under major type 7. */
    public static final int INDEFINITE = 31;
    /** The break stop code that ends an indefinite-length item. */
    public static final int BREAK = 0xff;

    private CborHead() {
    }

    /** The major type of the head that starts with this byte, 0 to 7. */
    public static int majorType(byte initialByte) {
        return (initialByte & 0xff) >>> 5;
    }

    /** The additional information of the head that starts with this byte, 0 to 31. */
    public static int additionalInfo(byte initialByte) {
        return initialByte & 0x1f;
    }

    /** Length of the head starting at {@code offset}: 1, 2, 3, 5 or 9 bytes; -1 for reserved values 28..30. */
    public static int headLength(byte initialByte) {
        int info = additionalInfo(initialByte);
        if (info < 24 || info == INDEFINITE) {
            return 1;
        }
        return switch (info) {
            case 24 -> 2;
            case 25 -> 3;
            case 26 -> 5;
            case 27 -> 9;
            default -> -1;
        };
    }

    /**
     * The argument of the head at {@code offset}, as an unsigned 64-bit value held in a long (so values of
     * 2^63 and above are negative). The caller has checked that the whole head is inside the input.
     */
    public static long argument(byte[] input, int offset) {
        int info = additionalInfo(input[offset]);
        if (info < 24) {
            return info;
        }
        int length = headLength(input[offset]) - 1;
        long value = 0;
        for (int i = 1; i <= length; i++) {
            value = (value << 8) | (input[offset + i] & 0xff);
        }
        return value;
    }
}
