package dev.nitroattest.cbor.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads CBOR items from one complete message, strictly and within bounds: every length is checked against the
 * bytes that remain before anything is allocated, text must be valid UTF-8, and tags, floats, negative integers
 * where none belong and indefinite-length strings are refused. Maps and arrays may have indefinite lengths; the
 * caller learns which and decides.
 */
public final class CborDecoder {
    /** What {@link #readMapStart()} and {@link #readArrayStart()} return for an indefinite length. */
    public static final long INDEFINITE = -1;
    private static final int MAX_KEY_BYTES = 64;
    private static final int BREAK = 0xff;

    private final byte[] data;
    private int position;

    public CborDecoder(byte[] data) {
        this.data = data;
    }

    /** Reads each entry of a map with text keys; the handler must read the value. */
    @FunctionalInterface
    public interface EntryHandler<E extends Exception> {
        void entry(String key) throws CborFormatException, E;
    }

    public int position() {
        return position;
    }

    /** The kind of the next item, without consuming it. */
    public CborType peekType() throws CborFormatException {
        int initial = peekInitialByte();
        return switch (initial >>> 5) {
            case 0 -> CborType.UNSIGNED_INTEGER;
            case 1 -> CborType.NEGATIVE_INTEGER;
            case 2 -> CborType.BYTE_STRING;
            case 3 -> CborType.TEXT_STRING;
            case 4 -> CborType.ARRAY;
            case 5 -> CborType.MAP;
            case 6 -> CborType.TAG;
            default -> switch (initial) {
                case 0xf4, 0xf5 -> CborType.BOOLEAN;
                case 0xf6 -> CborType.NULL;
                case BREAK -> CborType.BREAK;
                default -> CborType.OTHER_SIMPLE;
            };
        };
    }

    /** The number of entries of the map that starts here, or {@link #INDEFINITE}. */
    public long readMapStart() throws CborFormatException {
        return readContainerStart(CborType.MAP, 2);
    }

    /** The number of items of the array that starts here, or {@link #INDEFINITE}. */
    public long readArrayStart() throws CborFormatException {
        return readContainerStart(CborType.ARRAY, 1);
    }

    /** Consumes a break (the end of an indefinite-length map or array) if one is next. */
    public boolean readBreakIfPresent() throws CborFormatException {
        if (peekInitialByte() == BREAK) {
            position++;
            return true;
        }
        return false;
    }

    /** Consumes a null if one is next. */
    public boolean readNullIfPresent() throws CborFormatException {
        if (peekInitialByte() == 0xf6) {
            position++;
            return true;
        }
        return false;
    }

    public boolean readBoolean() throws CborFormatException {
        expect(CborType.BOOLEAN);
        return data[position++] == (byte) 0xf5;
    }

    /** An unsigned integer; values above {@link Long#MAX_VALUE} are refused. */
    public long readUnsigned() throws CborFormatException {
        expect(CborType.UNSIGNED_INTEGER);
        int start = position;
        long value = readArgument();
        if (value < 0) {
            throw new CborFormatException("The integer at offset " + start + " is larger than 2^63 - 1.");
        }
        return value;
    }

    public byte[] readBytes(int maxLength) throws CborFormatException {
        expect(CborType.BYTE_STRING);
        int start = position;
        int length = readStringLength(maxLength, start);
        byte[] value = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return value;
    }

    public String readText(int maxLength) throws CborFormatException {
        expect(CborType.TEXT_STRING);
        int start = position;
        int length = readStringLength(maxLength, start);
        try {
            String value = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, position, length))
                    .toString();
            position += length;
            return value;
        } catch (CharacterCodingException e) {
            throw new CborFormatException("The text string at offset " + start + " is not valid UTF-8.");
        }
    }

    /**
     * Reads a map whose keys are distinct text strings, calling the handler once per entry.
     *
     * @param maxEntries more entries than this are refused
     * @param definiteOnly whether an indefinite-length map is refused
     */
    public <E extends Exception> void readMap(int maxEntries, boolean definiteOnly, EntryHandler<E> handler)
            throws CborFormatException, E {
        int start = position;
        long declared = readMapStart();
        if (declared == INDEFINITE && definiteOnly) {
            throw new CborFormatException("The map at offset " + start + " has an indefinite length; a definite "
                    + "length is required.");
        }
        Set<String> seen = new HashSet<>();
        for (long entry = 0; declared == INDEFINITE ? !readBreakIfPresent() : entry < declared; entry++) {
            if (entry >= maxEntries) {
                throw new CborFormatException("The map at offset " + start + " has more than " + maxEntries
                        + " entries.");
            }
            int keyOffset = position;
            if (peekType() != CborType.TEXT_STRING) {
                throw new CborFormatException("The map at offset " + start + " has a key that is "
                        + peekType().description() + " at offset " + keyOffset + "; keys must be text strings.");
            }
            String key = readText(MAX_KEY_BYTES);
            if (!seen.add(key)) {
                throw new CborFormatException("The map at offset " + start + " has the key \"" + key + "\" twice.");
            }
            handler.entry(key);
        }
    }

    /** Skips one item of any accepted kind, nested at most maxDepth levels. */
    public void skip(int maxDepth) throws CborFormatException {
        if (maxDepth < 0) {
            throw new CborFormatException("Items are nested too deeply at offset " + position + ".");
        }
        switch (peekType()) {
            case UNSIGNED_INTEGER -> readUnsigned();
            case BYTE_STRING -> readBytes(Integer.MAX_VALUE);
            case TEXT_STRING -> readText(Integer.MAX_VALUE);
            case BOOLEAN -> readBoolean();
            case NULL -> position++;
            case ARRAY -> skipItems(readArrayStart(), 1, maxDepth);
            case MAP -> skipItems(readMapStart(), 2, maxDepth);
            default -> throw unexpected("an item this protocol uses");
        }
    }

    /** Fails unless every byte has been read. */
    public void requireEnd() throws CborFormatException {
        if (position != data.length) {
            throw new CborFormatException((data.length - position) + " bytes follow the message at offset "
                    + position + ".");
        }
    }

    private void skipItems(long count, int itemsPerEntry, int maxDepth) throws CborFormatException {
        if (count == INDEFINITE) {
            while (!readBreakIfPresent()) {
                for (int i = 0; i < itemsPerEntry; i++) {
                    skip(maxDepth - 1);
                }
            }
            return;
        }
        for (long entry = 0; entry < count; entry++) {
            for (int i = 0; i < itemsPerEntry; i++) {
                skip(maxDepth - 1);
            }
        }
    }

    private long readContainerStart(CborType type, int minimumBytesPerEntry) throws CborFormatException {
        expect(type);
        int start = position;
        if ((data[position] & 0x1f) == 31) {
            position++;
            return INDEFINITE;
        }
        long count = readArgument();
        // Every entry takes at least one byte per item, so a larger count cannot be honest.
        if (count < 0 || count > (long) (data.length - position) / minimumBytesPerEntry) {
            throw new CborFormatException("The " + (type == CborType.MAP ? "map" : "array") + " at offset " + start
                    + " declares more entries than the message has bytes.");
        }
        return count;
    }

    private int readStringLength(int maxLength, int start) throws CborFormatException {
        if ((data[position] & 0x1f) == 31) {
            throw new CborFormatException("The string at offset " + start + " has an indefinite length, which is "
                    + "not accepted.");
        }
        long length = readArgument();
        if (length < 0 || length > data.length - position) {
            throw new CborFormatException("The string at offset " + start + " runs past the end of the message.");
        }
        if (length > maxLength) {
            throw new CborFormatException("The string at offset " + start + " is " + length + " bytes; at most "
                    + maxLength + " are accepted.");
        }
        return (int) length;
    }

    /** Reads the head's argument; a value of 2^63 or more comes back negative. */
    private long readArgument() throws CborFormatException {
        int start = position;
        int additional = data[position++] & 0x1f;
        if (additional < 24) {
            return additional;
        }
        int length = switch (additional) {
            case 24 -> 1;
            case 25 -> 2;
            case 26 -> 4;
            case 27 -> 8;
            default -> throw new CborFormatException("The item at offset " + start
                    + " has a reserved or unexpected length encoding.");
        };
        if (data.length - position < length) {
            throw new CborFormatException("The item at offset " + start + " runs past the end of the message.");
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = (value << 8) | (data[position++] & 0xff);
        }
        return value;
    }

    private void expect(CborType type) throws CborFormatException {
        if (peekType() != type) {
            throw unexpected(type.description());
        }
    }

    private CborFormatException unexpected(String wanted) throws CborFormatException {
        return new CborFormatException("Expected " + wanted + " at offset " + position + " but found "
                + peekType().description() + ".");
    }

    private int peekInitialByte() throws CborFormatException {
        if (position >= data.length) {
            throw new CborFormatException("The message ends at offset " + position + " where an item was expected.");
        }
        return data[position] & 0xff;
    }
}
