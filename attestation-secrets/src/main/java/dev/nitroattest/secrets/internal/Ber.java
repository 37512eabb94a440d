package dev.nitroattest.secrets.internal;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * A cursor over BER bytes that reads exactly the elements the caller names, in order: a tag, then a length that is
 * either definite in its shortest form or indefinite where the caller allows it. Nothing is decoded that was not
 * asked for, and every length is checked against the bytes that remain before anything is copied. With indefinite
 * lengths never allowed and every element closed where its length says ({@link #close}), what it accepts is DER.
 */
final class Ber {
    /** What {@link #open} returns for an indefinite length. */
    static final int INDEFINITE = -1;

    private final byte[] input;
    private int position;

    Ber(byte[] input) {
        this.input = input;
    }

    int position() {
        return position;
    }

    /** Opens the element with this tag: returns its definite length, or {@link #INDEFINITE} when allowed. */
    int open(int tag, boolean indefiniteAllowed, String what) throws EnvelopeFault {
        if (position >= input.length) {
            throw EnvelopeFault.malformed("The envelope ends where " + what + " was expected.");
        }
        int found = input[position] & 0xff;
        if (found != tag) {
            throw EnvelopeFault.malformed("The envelope has tag 0x" + Integer.toHexString(found) + " at offset "
                    + position + " where " + what + " (tag 0x" + Integer.toHexString(tag) + ") was expected.");
        }
        position++;
        if (position >= input.length) {
            throw EnvelopeFault.malformed("The envelope ends inside the length of " + what + ".");
        }
        int first = input[position++] & 0xff;
        if (first == 0x80) {
            if (!indefiniteAllowed) {
                throw EnvelopeFault.malformed(what + " has an indefinite length, which KMS does not write there.");
            }
            return INDEFINITE;
        }
        int length;
        if (first < 0x80) {
            length = first;
        } else {
            int octets = first & 0x7f;
            if (octets > 3 || input.length - position < octets) {
                throw EnvelopeFault.malformed("The length of " + what + " is not one this envelope can have.");
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (input[position++] & 0xff);
            }
            if (length < 0x80 || (octets > 1 && length < (1 << (8 * (octets - 1))))) {
                throw EnvelopeFault.malformed("The length of " + what + " is not in its shortest form.");
            }
        }
        if (length > input.length - position) {
            throw EnvelopeFault.malformed(what + " declares " + length + " bytes but only " + (input.length - position)
                    + " remain.");
        }
        return length;
    }

    /** Opens a definite-length element with this tag and returns the position where it must end. */
    int openDefinite(int tag, String what) throws EnvelopeFault {
        int length = open(tag, false, what);
        return position + length;
    }

    /**
     * Requires that the element ending at {@code end} ends here: its children fill it exactly, neither leaving bytes
     * over nor reading past it (positions are checked against the input, so reading past only misplaces them).
     */
    void close(int end, String what) throws EnvelopeFault {
        if (position != end) {
            throw EnvelopeFault.malformed(what + " does not end where its length says (offset " + end + "; its "
                    + "contents end at " + position + ").");
        }
    }

    /** Whether the next element has this tag (false at the end of the input). */
    boolean nextIs(int tag) {
        return position < input.length && (input[position] & 0xff) == tag;
    }

    /** The content of a definite-length element with this tag, as a fresh array. */
    byte[] read(int tag, String what) throws EnvelopeFault {
        int length = open(tag, false, what);
        byte[] content = Arrays.copyOfRange(input, position, position + length);
        position += length;
        return content;
    }

    /** The next {@code length} bytes as they are, for the content of an element whose head {@link #expect} read. */
    byte[] raw(int length, String what) throws EnvelopeFault {
        if (input.length - position < length) {
            throw EnvelopeFault.malformed("The envelope ends inside " + what + ".");
        }
        byte[] content = Arrays.copyOfRange(input, position, position + length);
        position += length;
        return content;
    }

    /** Requires these exact bytes next (a fixed element of the profile, such as an algorithm identifier). */
    void expect(byte[] exact, String what) throws EnvelopeFault {
        if (input.length - position < exact.length) {
            throw EnvelopeFault.malformed("The envelope ends inside " + what.toLowerCase(Locale.ROOT) + ".");
        }
        if (!Arrays.equals(input, position, position + exact.length, exact, 0, exact.length)) {
            throw EnvelopeFault.unsupported(what + " is not the one this form has.");
        }
        position += exact.length;
    }

    /** Requires these exact bytes next where another value means another structure, such as a content type. */
    void expectStructure(byte[] exact, String what) throws EnvelopeFault {
        try {
            expect(exact, what);
        } catch (EnvelopeFault e) {
            throw EnvelopeFault.malformed(what + " is not.");
        }
    }

    /** Whether the end-of-contents octets (00 00) are next. */
    boolean atEndOfContents() {
        return input.length - position >= 2 && input[position] == 0 && input[position + 1] == 0;
    }

    /** Consumes the end-of-contents octets that close an indefinite-length element. */
    void endOfContents(String what) throws EnvelopeFault {
        if (!atEndOfContents()) {
            throw EnvelopeFault.malformed(what + " is not closed where it should end (offset " + position + ").");
        }
        position += 2;
    }

    /** Requires that nothing follows. */
    void end() throws EnvelopeFault {
        if (position != input.length) {
            throw EnvelopeFault.malformed((input.length - position) + " bytes follow the envelope.");
        }
    }

    /**
     * Writes an element with a definite length in its shortest form, as both forms have everywhere but KMS's
     * indefinite levels; the reader's limit (three length octets) is the writer's too.
     */
    static void writeDefinite(ByteArrayOutputStream out, int tag, byte[] content) {
        int length = content.length;
        if (length > 0xffffff) {
            throw new IllegalArgumentException("An element of " + length + " bytes needs more than three length "
                    + "octets, which the reader refuses.");
        }
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
        }
        out.writeBytes(content);
    }
}
