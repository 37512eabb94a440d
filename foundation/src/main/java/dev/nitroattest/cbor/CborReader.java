package dev.nitroattest.cbor;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A pull reader over input that {@link CborScanner} has accepted. The scanner has checked every length, count,
 * nesting level, string encoding and simple value, so this reader walks the heads without re-checking them and
 * never allocates more than the values it is asked for. It reports each item's CBOR major type from its raw head,
 * so that a strict decoder tells a text key {@code "0"} from the integer key {@code 0}.
 */
public final class CborReader {
    /** The longest input this reader is used on; no size limit configured for documents may exceed it. */
    public static final int MAX_INPUT_LENGTH = 1 << 20;

    private final byte[] input;
    /** Where the next head starts. */
    private int position;
    /** Open maps and arrays, innermost last: items left (-1 for an indefinite length) and whether it is a map. */
    private long[] remaining = new long[8];
    private boolean[] isMap = new boolean[8];
    /** Items read so far in each open container, to tell a map's keys (even) from its values (odd). */
    private long[] itemsRead = new long[8];
    private int depth;
    private boolean topLevelStarted;
    private int tokenOffset = -1;
    private CborToken token;
    /** The content of the current string token. */
    private int contentStart;
    private int contentEnd;

    /** Reads {@code input}, which must already have passed {@link CborScanner#scan}. */
    public CborReader(byte[] input) {
        this.input = input;
    }

    /** Advances to the next token. */
    public CborToken next() throws CborException {
        if (depth > 0) {
            int top = depth - 1;
            boolean ends = remaining[top] < 0 ? (input[position] & 0xff) == CborHead.BREAK : remaining[top] == 0;
            if (ends) {
                tokenOffset = position;
                if (remaining[top] < 0) {
                    position++;
                }
                depth--;
                token = CborToken.END;
                return token;
            }
        } else if (topLevelStarted) {
            throw new CborException("data ends where another item was expected");
        }
        topLevelStarted = true;
        boolean key = depth > 0 && isMap[depth - 1] && itemsRead[depth - 1] % 2 == 0;
        if (depth > 0) {
            itemsRead[depth - 1]++;
            if (remaining[depth - 1] > 0) {
                remaining[depth - 1]--;
            }
        }
        int offset = position;
        // The scanner admits one leading tag (COSE_Sign1's); the item is what it tags.
        while (CborHead.majorType(input[offset]) == CborHead.TAG) {
            offset += CborHead.headLength(input[offset]);
        }
        tokenOffset = offset;
        byte initial = input[offset];
        int headEnd = offset + CborHead.headLength(initial);
        int majorType = CborHead.majorType(initial);
        if (key && majorType > CborHead.TEXT) {
            throw new CborException("has a map key that is neither a text string nor an integer");
        }
        switch (majorType) {
            case CborHead.BYTES, CborHead.TEXT -> {
                contentStart = headEnd;
                contentEnd = headEnd + (int) CborHead.argument(input, offset);
                position = contentEnd;
            }
            case CborHead.ARRAY, CborHead.MAP -> {
                position = headEnd;
                boolean map = majorType == CborHead.MAP;
                long count = CborHead.additionalInfo(initial) == CborHead.INDEFINITE ? -1
                        : CborHead.argument(input, offset) * (map ? 2 : 1);
                push(count, map);
            }
            default -> position = headEnd;
        }
        token = key ? CborToken.KEY : tokenFromHead(initial);
        return token;
    }

    private void push(long count, boolean map) {
        if (depth == remaining.length) {
            remaining = Arrays.copyOf(remaining, depth * 2);
            isMap = Arrays.copyOf(isMap, depth * 2);
            itemsRead = Arrays.copyOf(itemsRead, depth * 2);
        }
        remaining[depth] = count;
        isMap[depth] = map;
        itemsRead[depth] = 0;
        depth++;
    }

    private static CborToken tokenFromHead(byte initial) {
        return switch (CborHead.majorType(initial)) {
            case CborHead.UNSIGNED -> CborToken.UNSIGNED;
            case CborHead.NEGATIVE -> CborToken.NEGATIVE;
            case CborHead.BYTES -> CborToken.BYTES;
            case CborHead.TEXT -> CborToken.TEXT;
            case CborHead.ARRAY -> CborToken.ARRAY_START;
            case CborHead.MAP -> CborToken.MAP_START;
            default -> switch (CborHead.additionalInfo(initial)) {
                case 20, 21 -> CborToken.BOOLEAN;
                case 22 -> CborToken.NULL;
                // The scanner admits nothing else under major type 7 (and no tags at all past offset 0).
                default -> CborToken.FLOAT;
            };
        };
    }

    /** Whether the top-level item has been read to its end. */
    public boolean isComplete() {
        return depth == 0 && topLevelStarted;
    }

    /** The major type of the current {@link CborToken#KEY}'s raw head. */
    public int keyMajorType() {
        return CborHead.majorType(input[tokenOffset]);
    }

    /**
     * The current text value or key. An integer key reads as its decimal value, which no text key of this
     * library's formats equals; a byte-string key has no text and is refused.
     */
    public String text() throws CborException {
        // By the token first: after a definite map's or array's END, tokenOffset is the head of whatever follows.
        if (token == CborToken.TEXT || token == CborToken.KEY && keyMajorType() == CborHead.TEXT) {
            return new String(input, contentStart, contentEnd - contentStart, StandardCharsets.UTF_8);
        }
        if (token == CborToken.KEY && keyMajorType() != CborHead.BYTES) {
            long argument = CborHead.argument(input, tokenOffset);
            if (keyMajorType() == CborHead.UNSIGNED) {
                return Long.toUnsignedString(argument);
            }
            // -1 - argument; at the largest argument, 2^64 - 1, the magnitude 2^64 does not fit in 64 bits.
            return argument == -1 ? "-18446744073709551616" : "-" + Long.toUnsignedString(argument + 1);
        }
        throw new CborException("has " + describe() + " at offset " + tokenOffset + " where text was expected");
    }

    /** The current byte string, as a fresh array. */
    public byte[] bytes() throws CborException {
        if (token != CborToken.BYTES && !(token == CborToken.KEY && keyMajorType() == CborHead.BYTES)) {
            throw new CborException("has " + describe() + " at offset " + tokenOffset
                    + " where a byte string was expected");
        }
        return Arrays.copyOfRange(input, contentStart, contentEnd);
    }

    private String describe() {
        if (token == CborToken.END) {
            // No head of its own to name: a definite container's end is where the next item, if any, starts.
            return CborToken.END.description();
        }
        return switch (CborHead.majorType(input[tokenOffset])) {
            case CborHead.UNSIGNED, CborHead.NEGATIVE -> "an integer";
            case CborHead.BYTES -> "a byte string";
            case CborHead.TEXT -> "a text string";
            case CborHead.ARRAY -> "an array";
            case CborHead.MAP -> "a map";
            default -> "a simple value or float";
        };
    }

    /**
     * The argument of the current unsigned or negative integer (or integer key) as an unsigned 64-bit
     * value: for a negative integer the value is {@code -1 - argument}. Values of 2^63 and more are
     * negative longs; callers bound-check.
     */
    public long integerArgument() {
        return CborHead.argument(input, tokenOffset);
    }

    /** Where the current token's item starts in the input. */
    public int tokenOffset() {
        return tokenOffset;
    }

    /**
     * Skips the rest of the current value (a whole map or array when positioned at its start) and
     * returns the offset just after it.
     */
    public int skipValue() {
        if (token == CborToken.MAP_START || token == CborToken.ARRAY_START) {
            position = itemEnd(tokenOffset);
            depth--;
        }
        return position;
    }

    /** The offset just after the item whose head is at {@code offset}; the scanner has checked it is complete. */
    private int itemEnd(int offset) {
        byte initial = input[offset];
        int next = offset + CborHead.headLength(initial);
        int majorType = CborHead.majorType(initial);
        if (majorType == CborHead.BYTES || majorType == CborHead.TEXT) {
            return next + (int) CborHead.argument(input, offset);
        }
        if (majorType != CborHead.ARRAY && majorType != CborHead.MAP) {
            return next;
        }
        int itemsPerEntry = majorType == CborHead.MAP ? 2 : 1;
        if (CborHead.additionalInfo(initial) == CborHead.INDEFINITE) {
            while ((input[next] & 0xff) != CborHead.BREAK) {
                next = itemEnd(next);
            }
            return next + 1;
        }
        long items = CborHead.argument(input, offset) * itemsPerEntry;
        for (long i = 0; i < items; i++) {
            next = itemEnd(next);
        }
        return next;
    }

    /** Checks that the top-level item is complete and nothing follows it. */
    public void expectEndOfInput() throws CborException {
        if (depth > 0 || position != input.length) {
            throw new CborException("unexpected data after the top-level item");
        }
    }
}
