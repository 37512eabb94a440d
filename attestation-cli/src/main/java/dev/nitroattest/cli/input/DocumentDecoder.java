package dev.nitroattest.cli.input;

import dev.nitroattest.cbor.CborHead;
import dev.nitroattest.cli.Sentences;
import dev.nitroattest.cli.UserError;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a file's content into document bytes. Detection looks at what the file holds: raw CBOR starts like a
 * COSE_Sign1 in any well-formed CBOR encoding the library accepts, an optional tag 18 ({@code d2}, or the longer heads
 * such as {@code d8 12}) followed by an array of four items ({@code 84}, longer heads such as {@code 98 04}, or the
 * indefinite-length {@code 9f}); text made only of hexadecimal digits and white space
 * is hex; other text in the base64 alphabets is base64. Text must decode to bytes that start like a COSE_Sign1, or
 * the file is in no known format.
 *
 * <p>Everything detection refuses is a file that could not be read (exit status 3); bytes it accepts go to the
 * parser, which rejects malformed documents as MALFORMED (exit status 1). A forced format skips the COSE_Sign1 check,
 * so that the parser judges whatever the file decodes to.
 */
public final class DocumentDecoder {
    private static final int COSE_SIGN1_TAG = 18;
    private static final int COSE_SIGN1_ITEMS = 4;
    private static final int INDEFINITE_ARRAY = 0x9f;
    private static final String FORMATS = "raw CBOR, base64 or hex";

    private DocumentDecoder() {
    }

    /**
     * Decodes {@code content}, read from the file {@code name}, in the forced format or the detected one.
     *
     * @param description how messages name the file: its path, or "standard input"
     * @throws UserError (unreadable) if the content is empty or in no known format, or is not in the forced format
     */
    public static InputDocument decode(String name, String description, byte[] content,
            Optional<InputFormat> forced) {
        if (content.length == 0) {
            throw UserError.unreadable(description + " is empty; give a file that holds an attestation document.");
        }
        if (forced.isPresent()) {
            return new InputDocument(name, forced.get(), decodeAs(description, content, forced.get()));
        }
        if (startsLikeCoseSign1(content)) {
            return new InputDocument(name, InputFormat.CBOR, content);
        }
        if (!isText(content)) {
            throw unknownFormat(description, "it is binary but does not start like a COSE_Sign1 (first byte "
                    + hexByte(content[0]) + ")");
        }
        String text = withoutWhiteSpace(content);
        if (text.isEmpty()) {
            throw UserError.unreadable(description + " holds only white space; give a file that holds an attestation "
                    + "document.");
        }
        InputFormat format = isHex(text) ? InputFormat.HEX : InputFormat.BASE64;
        if (format == InputFormat.BASE64 && !isBase64Alphabet(text)) {
            throw unknownFormat(description, "it is text but neither hex nor base64");
        }
        byte[] decoded = decodeText(description, text, format, false);
        if (!startsLikeCoseSign1(decoded)) {
            throw unknownFormat(description, "it is " + label(format) + " but what it decodes to does not start like a "
                    + "COSE_Sign1 (first byte " + hexByte(decoded[0]) + ")");
        }
        return new InputDocument(name, format, decoded);
    }

    private static byte[] decodeAs(String description, byte[] content, InputFormat format) {
        if (format == InputFormat.CBOR) {
            return content;
        }
        if (!isText(content)) {
            throw UserError.unreadable(description + " is not " + label(format) + " text (it holds binary data); "
                    + "check the file, or leave --format out to detect its format.");
        }
        return decodeText(description, withoutWhiteSpace(content), format, true);
    }

    private static byte[] decodeText(String description, String text, InputFormat format, boolean forced) {
        String advice = forced ? "; check the file, or leave --format out to detect its format."
                : "; check that the file is complete.";
        if (text.isEmpty()) {
            throw UserError.unreadable(description + " holds only white space" + advice);
        }
        if (format == InputFormat.HEX) {
            if (!isHex(text)) {
                throw UserError.unreadable(description + " is not hex: it holds characters other than hexadecimal "
                        + "digits" + advice);
            }
            if (text.length() % 2 != 0) {
                throw UserError.unreadable(description + " holds an odd number of hex digits (" + text.length() + ")"
                        + advice);
            }
            return HexFormat.of().parseHex(text);
        }
        boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
        if (urlSafe && (text.indexOf('+') >= 0 || text.indexOf('/') >= 0)) {
            throw UserError.unreadable(description + " mixes the standard and the URL-safe base64 alphabets" + advice);
        }
        try {
            byte[] decoded = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
            if (decoded.length == 0) {
                throw UserError.unreadable(description + " decodes from base64 to nothing" + advice);
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            throw UserError.unreadable(description + " is not valid base64 (" + Sentences.clause(e.getMessage()) + ")"
                    + advice);
        }
    }

    /** An optional tag 18, then an array of four items or of indefinite length, each head in any CBOR encoding. */
    private static boolean startsLikeCoseSign1(byte[] bytes) {
        int offset = 0;
        if (CborHead.majorType(bytes[0]) == CborHead.TAG) {
            if (argumentAt(bytes, 0) != COSE_SIGN1_TAG) {
                return false;
            }
            offset = CborHead.headLength(bytes[0]);
            if (offset >= bytes.length) {
                return false;
            }
        }
        return (bytes[offset] & 0xff) == INDEFINITE_ARRAY
                || (CborHead.majorType(bytes[offset]) == CborHead.ARRAY
                        && argumentAt(bytes, offset) == COSE_SIGN1_ITEMS);
    }

    /**
     * The argument of the head at {@code offset}, or -1 when the head is reserved or cut short. An indefinite head
     * reads as 0 and an argument of 2^63 or more as negative: neither is ever a valid 4 or 18.
     */
    private static long argumentAt(byte[] bytes, int offset) {
        int length = CborHead.headLength(bytes[offset]);
        if (length < 0 || offset + length > bytes.length) {
            return -1;
        }
        return CborHead.argument(bytes, offset);
    }

    /** Printable ASCII and the usual white space: what a text encoding of a document can contain. */
    private static boolean isText(byte[] content) {
        for (byte b : content) {
            boolean printable = b >= 0x20 && b < 0x7f;
            if (!printable && !isWhiteSpace(b)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWhiteSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    private static String withoutWhiteSpace(byte[] content) {
        StringBuilder text = new StringBuilder(content.length);
        for (byte b : content) {
            if (!isWhiteSpace(b)) {
                text.append((char) b);
            }
        }
        return text.toString();
    }

    private static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBase64Alphabet(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphanumeric = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alphanumeric && "+/-_=".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static UserError unknownFormat(String description, String why) {
        return UserError.unreadable(description + " is not an attestation document in a known format (" + FORMATS
                + "): " + why + "; check the file, or force a format with --format.");
    }

    private static String label(InputFormat format) {
        return format.name().toLowerCase(Locale.ROOT);
    }

    private static String hexByte(byte b) {
        return String.format("0x%02x", b & 0xff);
    }
}

