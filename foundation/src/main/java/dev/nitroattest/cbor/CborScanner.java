package dev.nitroattest.cbor;

import dev.nitroattest.text.Utf8;

/**
 * Checks that bytes are exactly one well-formed CBOR data item within this library's limits, without
 * allocating and before any decoder sees them. After a successful scan no declared length or count
 * exceeds the input, nesting is bounded, every byte and text string has a definite length (maps and
 * arrays may be indefinite), text is valid UTF-8, no tag appears (except one leading tag 18 where the
 * caller allows it), only false, true, null and floats appear as simple values, and nothing follows the
 * item.
 *
 * <p>Decoders run only on scanned input, so hostile lengths can never drive an allocation.
 */
public final class CborScanner {
    /** The COSE_Sign1 tag (RFC 9052). */
    public static final int COSE_SIGN1_TAG = 18;

    private final byte[] input;
    private final int end;
    private final int maxDepth;

    private CborScanner(byte[] input, int end, int maxDepth) {
        this.input = input;
        this.end = end;
        this.maxDepth = maxDepth;
    }

    /**
     * Scans {@code input} as one data item.
     *
     * @param maxDepth the deepest nesting of arrays and maps allowed (1 = a flat array or map)
     * @param allowLeadingCoseTag whether the item may be prefixed by tag 18
     * @throws CborException if the input is not acceptable, with a message saying what and where
     */
    public static void scan(byte[] input, int maxDepth, boolean allowLeadingCoseTag) throws CborException {
        CborScanner scanner = new CborScanner(input, input.length, maxDepth);
        int position = 0;
        if (allowLeadingCoseTag && input.length > 0 && CborHead.majorType(input[0]) == CborHead.TAG) {
            position = scanner.checkedHeadEnd(0);
            if (CborHead.argument(input, 0) != COSE_SIGN1_TAG) {
                throw new CborException("tag " + Long.toUnsignedString(CborHead.argument(input, 0))
                        + " at offset 0 is not the COSE_Sign1 tag 18");
            }
        }
        position = scanner.item(position, 0);
        if (position != input.length) {
            throw new CborException((input.length - position) + " trailing byte(s) after the data item at offset "
                    + position);
        }
    }

    private int item(int offset, int depth) throws CborException {
        int next = checkedHeadEnd(offset);
        byte initial = input[offset];
        int info = CborHead.additionalInfo(initial);
        long argument = CborHead.argument(input, offset);
        switch (CborHead.majorType(initial)) {
            case CborHead.UNSIGNED, CborHead.NEGATIVE -> {
                if (info == CborHead.INDEFINITE) {
                    throw reserved(offset);
                }
                return next;
            }
            case CborHead.BYTES, CborHead.TEXT -> {
                if (info == CborHead.INDEFINITE) {
                    // No NSM writes chunked strings; refusing them keeps one encoding per value, so the bytes a
                    // decoder reads are the bytes that were received.
                    throw new CborException("indefinite-length (chunked) " + (CborHead.majorType(initial)
                            == CborHead.BYTES ? "byte" : "text") + " string at offset " + offset
                            + " is not accepted; strings must have a definite length");
                }
                return string(offset, next, argument);
            }
            case CborHead.ARRAY -> {
                return container(offset, next, info == CborHead.INDEFINITE, argument, 1, depth);
            }
            case CborHead.MAP -> {
                return container(offset, next, info == CborHead.INDEFINITE, argument, 2, depth);
            }
            case CborHead.TAG -> throw new CborException("tag " + Long.toUnsignedString(argument) + " at offset "
                    + offset + " is not allowed here");
            default -> {
                return simple(offset, info, next);
            }
        }
    }

    private int string(int offset, int contentStart, long length) throws CborException {
        if (length < 0 || length > end - contentStart) {
            throw new CborException("string at offset " + offset + " declares " + Long.toUnsignedString(length)
                    + " bytes but only " + (end - contentStart) + " remain");
        }
        int contentEnd = contentStart + (int) length;
        if (CborHead.majorType(input[offset]) == CborHead.TEXT && !Utf8.isValid(input, contentStart, contentEnd)) {
            throw new CborException("text string at offset " + offset + " is not valid UTF-8");
        }
        return contentEnd;
    }

    private int container(int offset, int position, boolean indefinite, long count, int itemsPerEntry, int depth)
            throws CborException {
        if (depth + 1 > maxDepth) {
            throw new CborException("nesting deeper than " + maxDepth + " levels at offset " + offset);
        }
        if (indefinite) {
            int items = 0;
            while (true) {
                if (position >= end) {
                    throw truncated(offset);
                }
                if ((input[position] & 0xff) == CborHead.BREAK) {
                    if (items % itemsPerEntry != 0) {
                        throw new CborException("map at offset " + offset + " ends after a key without its value");
                    }
                    return position + 1;
                }
                position = item(position, depth + 1);
                items++;
            }
        }
        // Every item takes at least one byte, so a count above the remaining bytes is a lie.
        if (count < 0 || count > (end - position) / itemsPerEntry) {
            throw new CborException((itemsPerEntry == 2 ? "map" : "array") + " at offset " + offset + " declares "
                    + Long.toUnsignedString(count) + " entries but only " + (end - position) + " bytes remain");
        }
        long items = count * itemsPerEntry;
        for (long i = 0; i < items; i++) {
            position = item(position, depth + 1);
        }
        return position;
    }

    private int simple(int offset, int info, int next) throws CborException {
        return switch (info) {
            // false, true, null, and half, single and double precision floats
            case 20, 21, 22, 25, 26, 27 -> next;
            case CborHead.INDEFINITE -> throw new CborException("unexpected break at offset " + offset);
            case 23 -> throw new CborException("undefined at offset " + offset + " is not allowed");
            default -> throw new CborException("simple value at offset " + offset + " is not allowed");
        };
    }

    private int checkedHeadEnd(int offset) throws CborException {
        if (offset >= end) {
            throw new CborException("data ends at offset " + offset + " where an item was expected");
        }
        int headLength = CborHead.headLength(input[offset]);
        if (headLength < 0) {
            throw reserved(offset);
        }
        if (headLength > end - offset) {
            throw truncated(offset);
        }
        return offset + headLength;
    }

    private static CborException reserved(int offset) {
        return new CborException("reserved or invalid additional information at offset " + offset);
    }

    private static CborException truncated(int offset) {
        return new CborException("data ends inside the item at offset " + offset);
    }
}
