package dev.nitroattest.cbor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Typed reads over one complete message, for small protocols whose messages are maps of known fields (the NSM's
 * requests and answers, the enclave agent's frames). The message is first accepted whole by {@link CborScanner},
 * then read through a {@link CborReader}: the same strict path as attestation documents. On top of it this class
 * refuses what such protocols never use where a value is expected (negative integers, floats), bounds each string
 * and map by the caller's limits, and requires distinct text keys in maps read with {@link #readMap}.
 */
public final class CborDecoder {
    /** What {@link #readMapStart()} and {@link #readArrayStart()} return for an indefinite length. */
    public static final long INDEFINITE = -1;
    private static final int MAX_KEY_BYTES = 64;

    private final byte[] data;
    private final CborReader reader;
    /** The token read from the reader but not consumed yet. */
    private CborToken pending;
    /** Whether each map or array opened with readMapStart or readArrayStart has a definite length, innermost last. */
    private final Deque<Boolean> definite = new ArrayDeque<>();

    /** Reads each entry of a map with text keys; the handler must read the value. */
    @FunctionalInterface
    public interface EntryHandler<E extends Exception> {
        /** Reads the value of the entry with this key. */
        void entry(String key) throws CborException, E;
    }

    /**
     * Reads a whole message into a value.
     *
     * @param <T> the value
     * @param <E> what the reader throws besides {@link CborException}
     */
    @FunctionalInterface
    public interface MessageReader<T, E extends Exception> {
        /**
         * Reads the message's one item.
         *
         * @param in the decoder, at the item's start
         * @return the value read
         * @throws CborException if the item is not what the reader accepts
         * @throws E for a refusal of the reader's own kind
         */
        T read(CborDecoder in) throws CborException, E;
    }

    /**
     * The one rule for a message a peer sends (the NSM's requests and answers, the agent's frames, the enclave's
     * binding file): exactly one item, which {@code reader} reads to its end. Bytes after the item, and any part of
     * it the reader left unread, are refused; every protocol decoder reads its messages through here.
     *
     * @param <T> the value
     * @param <E> what the reader throws besides {@link CborException}
     * @param message the whole message
     * @param maxDepth the deepest nesting of maps and arrays the message may have
     * @param reader reads the item into a value
     * @return what the reader returned
     * @throws CborException if the bytes are not one well-formed item, the reader refuses it, or it was not read to
     *     its end
     * @throws E what the reader throws otherwise
     */
    public static <T, E extends Exception> T readMessage(byte[] message, int maxDepth, MessageReader<T, E> reader)
            throws CborException, E {
        CborDecoder in = new CborDecoder(message, maxDepth);
        T value = reader.read(in);
        in.requireEnd();
        return value;
    }

    /**
     * Accepts the message as a whole, or refuses it: bytes after its one item included.
     *
     * @param maxDepth the deepest nesting of maps and arrays the message may have
     * @throws CborException if the bytes are not one well-formed item within this library's CBOR profile
     */
    public CborDecoder(byte[] data, int maxDepth) throws CborException {
        try {
            CborScanner.scan(data, maxDepth, false);
        } catch (CborException e) {
            throw new CborException("The message is not well-formed CBOR: " + e.getMessage() + ".");
        }
        this.data = data;
        this.reader = new CborReader(data);
    }

    /**
     * The kind of the next item, without consuming it: a map key is reported by its own kind ({@code TEXT},
     * {@code UNSIGNED}...), and the end of an indefinite-length map or array as {@link CborToken#END}.
     */
    public CborToken peek() throws CborException {
        while (true) {
            if (pending == null) {
                pending = reader.next();
            }
            if (pending == CborToken.END && Boolean.TRUE.equals(definite.peekLast())) {
                // A definite-length container ends by its count, which the caller has read; its end is not an item.
                definite.removeLast();
                pending = null;
                continue;
            }
            if (pending == CborToken.KEY) {
                return switch (reader.keyMajorType()) {
                    case CborHead.UNSIGNED -> CborToken.UNSIGNED;
                    case CborHead.NEGATIVE -> CborToken.NEGATIVE;
                    case CborHead.BYTES -> CborToken.BYTES;
                    default -> CborToken.TEXT;
                };
            }
            return pending;
        }
    }

    /** The number of entries of the map that starts here, or {@link #INDEFINITE}. */
    public long readMapStart() throws CborException {
        return readContainerStart(CborToken.MAP_START, 2);
    }

    /** The number of items of the array that starts here, or {@link #INDEFINITE}. */
    public long readArrayStart() throws CborException {
        return readContainerStart(CborToken.ARRAY_START, 1);
    }

    private long readContainerStart(CborToken expected, int itemsPerEntry) throws CborException {
        expect(expected);
        int offset = reader.tokenOffset();
        pending = null;
        boolean indefinite = CborHead.additionalInfo(data[offset]) == CborHead.INDEFINITE;
        definite.addLast(!indefinite);
        return indefinite ? INDEFINITE : CborHead.argument(data, offset);
    }

    /** Consumes the end of an indefinite-length map or array if it is next. */
    public boolean readBreakIfPresent() throws CborException {
        if (peek() == CborToken.END) {
            pending = null;
            definite.removeLast();
            return true;
        }
        return false;
    }

    /** Consumes a null if one is next. */
    public boolean readNullIfPresent() throws CborException {
        if (peek() == CborToken.NULL) {
            pending = null;
            return true;
        }
        return false;
    }

    /** A boolean. */
    public boolean readBoolean() throws CborException {
        expect(CborToken.BOOLEAN);
        pending = null;
        return data[reader.tokenOffset()] == (byte) 0xf5;
    }

    /** An unsigned integer; values above {@link Long#MAX_VALUE} are refused. */
    public long readUnsigned() throws CborException {
        expect(CborToken.UNSIGNED);
        pending = null;
        long value = reader.integerArgument();
        if (value < 0) {
            throw new CborException("The integer at offset " + reader.tokenOffset() + " is larger than 2^63 - 1.");
        }
        return value;
    }

    /** A byte string of at most {@code maxLength} bytes, refused before it is copied if longer. */
    public byte[] readBytes(int maxLength) throws CborException {
        expect(CborToken.BYTES);
        checkLength(maxLength);
        pending = null;
        return reader.bytes();
    }

    /** A text string of at most {@code maxLength} UTF-8 bytes. */
    public String readText(int maxLength) throws CborException {
        expect(CborToken.TEXT);
        checkLength(maxLength);
        pending = null;
        return reader.text();
    }

    private void checkLength(int maxLength) throws CborException {
        long length = CborHead.argument(data, reader.tokenOffset());
        if (length > maxLength) {
            throw new CborException("The string at offset " + reader.tokenOffset() + " is " + length
                    + " bytes; at most " + maxLength + " are accepted.");
        }
    }

    /**
     * Reads a map whose keys are distinct text strings, calling the handler once per entry.
     *
     * @param maxEntries more entries than this are refused
     * @param definiteOnly whether an indefinite-length map is refused
     */
    public <E extends Exception> void readMap(int maxEntries, boolean definiteOnly, EntryHandler<E> handler)
            throws CborException, E {
        peek();
        int start = reader.tokenOffset();
        long declared = readMapStart();
        if (declared == INDEFINITE && definiteOnly) {
            throw new CborException("The map at offset " + start + " has an indefinite length; a definite "
                    + "length is required.");
        }
        Set<String> seen = new HashSet<>();
        for (long entry = 0; declared == INDEFINITE ? !readBreakIfPresent() : entry < declared; entry++) {
            if (entry >= maxEntries) {
                throw new CborException("The map at offset " + start + " has more than " + maxEntries + " entries.");
            }
            CborToken key = peek();
            if (key != CborToken.TEXT) {
                throw new CborException("The map at offset " + start + " has a key that is " + key.description()
                        + " at offset " + reader.tokenOffset() + "; keys must be text strings.");
            }
            String name = readText(MAX_KEY_BYTES);
            if (!seen.add(name)) {
                throw new CborException("The map at offset " + start + " has the key \"" + name + "\" twice.");
            }
            handler.entry(name);
        }
    }

    /** Skips one item of a kind these protocols use, nested at most maxDepth levels. */
    public void skip(int maxDepth) throws CborException {
        if (maxDepth < 0) {
            throw new CborException("Items are nested too deeply at offset " + reader.tokenOffset() + ".");
        }
        switch (peek()) {
            case UNSIGNED -> readUnsigned();
            case BYTES -> readBytes(Integer.MAX_VALUE);
            case TEXT -> readText(Integer.MAX_VALUE);
            case BOOLEAN -> readBoolean();
            case NULL -> pending = null;
            case ARRAY_START -> skipItems(readArrayStart(), 1, maxDepth);
            case MAP_START -> skipItems(readMapStart(), 2, maxDepth);
            default -> throw unexpected("an item this protocol uses");
        }
    }

    private void skipItems(long count, int itemsPerEntry, int maxDepth) throws CborException {
        for (long entry = 0; count == INDEFINITE ? !readBreakIfPresent() : entry < count; entry++) {
            for (int i = 0; i < itemsPerEntry; i++) {
                skip(maxDepth - 1);
            }
        }
    }

    /** Fails unless the message's item has been read to its end. */
    public void requireEnd() throws CborException {
        while (pending != null || !reader.isComplete()) {
            CborToken next = pending != null ? pending : reader.next();
            pending = null;
            if (next == CborToken.END && Boolean.TRUE.equals(definite.peekLast())) {
                definite.removeLast();
                continue;
            }
            throw new CborException("The message has " + next.description() + " at offset " + reader.tokenOffset()
                    + " that was not read.");
        }
        reader.expectEndOfInput();
    }

    private void expect(CborToken expected) throws CborException {
        if (peek() != expected) {
            throw unexpected(expected.description());
        }
    }

    private CborException unexpected(String wanted) throws CborException {
        return new CborException("Expected " + wanted + " at offset " + reader.tokenOffset() + " but found "
                + peek().description() + ".");
    }
}
