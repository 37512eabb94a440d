package dev.nitroattest.attestation.internal.cbor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;

/**
 * A pull reader over input that {@link CborScanner} has accepted, built on Jackson's streaming CBOR
 * parser. Jackson tracks the structure and decodes values; this class reports each token's CBOR major
 * type from the raw head, because Jackson turns integer and byte-string map keys into names and a strict
 * decoder must tell a text key {@code "0"} from the integer key {@code 0}.
 */
public final class CborReader implements AutoCloseable {
    /**
     * The longest input this reader decodes: Jackson refuses longer documents, so no size limit configured
     * for documents may exceed it.
     */
    public static final int MAX_INPUT_LENGTH = 1 << 20;
    /** Jackson's own limits, a second line behind the scanner's. */
    private static final CBORFactory FACTORY = CBORFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxNameLength(1024)
                    .maxStringLength(MAX_INPUT_LENGTH)
                    .maxDocumentLength(MAX_INPUT_LENGTH)
                    .build())
            .build();

    private final byte[] input;
    private final JsonParser parser;
    private int tokenOffset = -1;
    private CborToken token;

    /** Reads {@code input}, which must already have passed {@link CborScanner#scan}. */
    public CborReader(byte[] input) throws CborException {
        this.input = input;
        JsonParser created;
        try {
            created = FACTORY.createParser(input);
        } catch (IOException e) {
            throw new CborException("could not be decoded");
        }
        this.parser = created;
    }

    /** Advances to the next token. */
    public CborToken next() throws CborException {
        JsonToken jsonToken;
        try {
            jsonToken = parser.nextToken();
        } catch (IOException | RuntimeException e) {
            throw decodingFailure(e);
        }
        if (jsonToken == null) {
            throw new CborException("data ends where another item was expected");
        }
        int offset = (int) parser.currentTokenLocation().getByteOffset();
        if (jsonToken == JsonToken.END_ARRAY || jsonToken == JsonToken.END_OBJECT) {
            tokenOffset = offset;
            token = CborToken.END;
        } else {
            tokenOffset = itemHeadAt(offset);
            token = jsonToken == JsonToken.FIELD_NAME ? CborToken.KEY : tokenFromHead(input[tokenOffset]);
        }
        return token;
    }

    /** Jackson reports a tagged item at its tag; the item's own head follows the tag heads. */
    private int itemHeadAt(int offset) {
        while (CborHead.majorType(input[offset]) == CborHead.TAG) {
            offset += CborHead.headLength(input[offset]);
        }
        return offset;
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

    /** The major type of the current {@link CborToken#KEY}'s raw head. */
    public int keyMajorType() {
        return CborHead.majorType(input[tokenOffset]);
    }

    /** The current text key or text value. */
    public String text() throws CborException {
        try {
            return token == CborToken.KEY ? parser.currentName() : parser.getText();
        } catch (IOException | RuntimeException e) {
            throw decodingFailure(e);
        }
    }

    /** The current byte string, as a fresh array. */
    public byte[] bytes() throws CborException {
        try {
            return parser.getBinaryValue();
        } catch (IOException | RuntimeException e) {
            throw decodingFailure(e);
        }
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
    public int skipValue() throws CborException {
        try {
            if (token == CborToken.MAP_START || token == CborToken.ARRAY_START) {
                parser.skipChildren();
            } else {
                parser.finishToken();
            }
            return (int) parser.currentLocation().getByteOffset();
        } catch (IOException | RuntimeException e) {
            throw decodingFailure(e);
        }
    }

    /** Checks that the top-level item is complete and nothing follows it. */
    public void expectEndOfInput() throws CborException {
        try {
            if (parser.nextToken() != null) {
                throw new CborException("unexpected data after the top-level item");
            }
        } catch (IOException | RuntimeException e) {
            throw decodingFailure(e);
        }
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException ignored) {
            // Nothing to release beyond buffers: the input is an array.
        }
    }

    /**
     * Jackson fails on scanned input in one case the scanner admits: a map key that is neither a text string nor an
     * integer (a float, a boolean, null, an array or a map). Either way the input is what is wrong, and the caller
     * must see a typed rejection in this project's words, never Jackson's message.
     */
    private CborException decodingFailure(Exception e) {
        if (parser != null && parser.getParsingContext().inObject() && parser.currentToken() != JsonToken.FIELD_NAME) {
            return new CborException("has a map key that is neither a text string nor an integer");
        }
        return new CborException("could not be decoded" + (parser == null ? ""
                : " at offset " + parser.currentLocation().getByteOffset()));
    }
}
