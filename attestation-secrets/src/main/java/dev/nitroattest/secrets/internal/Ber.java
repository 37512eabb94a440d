package dev.nitroattest.secrets.internal;

import java.util.Arrays;
import java.util.Locale;

/**
 * A cursor over BER bytes that reads exactly the elements the caller names, in order: a tag, then a length that is
 * either definite in its shortest form or indefinite where the caller allows it. Nothing is decoded that was not
 * asked for, and every length is checked against the bytes that remain before anything is copied.
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
            throw EnvelopeFault.unsupported(what + " is not the one KMS writes.");
        }
        position += exact.length;
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
}
