package dev.nitroattest.der;

import dev.nitroattest.text.Utf8;

/** The DER rules of primitive contents, shared by the typed reads of {@link DerReader} and by {@link StrictDer}. */
final class DerContent {
    private DerContent() {
    }

    /** An INTEGER (or ENUMERATED): at least one byte, and no leading byte that only repeats the sign. */
    static void checkInteger(byte[] bytes, DerReader.Element element, String what) throws DerException {
        int at = element.contentStart();
        if (element.length() == 0) {
            throw new DerException(what + " is an INTEGER without content");
        }
        if (element.length() > 1 && (bytes[at] == 0 && bytes[at + 1] >= 0 || bytes[at] == -1 && bytes[at + 1] < 0)) {
            throw new DerException(what + " is an INTEGER with a redundant leading byte");
        }
    }

    /** A BOOLEAN: one byte, which DER writes 00 for FALSE and FF for TRUE. */
    static void checkBoolean(byte[] bytes, DerReader.Element element, String what) throws DerException {
        if (element.length() != 1) {
            throw new DerException(what + " is a BOOLEAN of " + element.length() + " bytes, not 1");
        }
        int value = bytes[element.contentStart()] & 0xff;
        if (value != 0 && value != 0xff) {
            throw DerException.notDer(what + " is a BOOLEAN TRUE written as 0x" + Integer.toHexString(value)
                    + ", where DER writes 0xff");
        }
    }

    /** A BIT STRING: a count of unused bits (0 to 7, 0 when there are no bytes), and those bits zero. */
    static void checkBitString(byte[] bytes, DerReader.Element element, String what) throws DerException {
        if (element.length() == 0) {
            throw new DerException(what + " is a BIT STRING without its count of unused bits");
        }
        int unused = bytes[element.contentStart()] & 0xff;
        if (unused > 7 || element.length() == 1 && unused != 0) {
            throw new DerException(what + " is a BIT STRING with " + unused + " unused bits in "
                    + (element.length() - 1) + " bytes");
        }
        if ((bytes[element.end() - 1] & ((1 << unused) - 1)) != 0) {
            throw DerException.notDer(what + " is a BIT STRING whose unused bits are not zero, as DER writes them");
        }
    }

    /** A NULL: no content. */
    static void checkNull(DerReader.Element element, String what) throws DerException {
        if (element.length() != 0) {
            throw new DerException(what + " is a NULL with content");
        }
    }

    /** An OBJECT IDENTIFIER: at least one arc, each in base 128 without a leading 0x80, the last one complete. */
    static void checkObjectIdentifier(byte[] bytes, int start, int end, String what) throws DerException {
        if (start == end) {
            throw new DerException(what + " is an OBJECT IDENTIFIER without content");
        }
        if (bytes[end - 1] < 0) {
            throw new DerException(what + " is an OBJECT IDENTIFIER whose last arc is unfinished");
        }
        boolean arcStart = true;
        for (int i = start; i < end; i++) {
            if (arcStart && (bytes[i] & 0xff) == 0x80) {
                throw new DerException(what + " is an OBJECT IDENTIFIER with an arc in more bytes than it needs");
            }
            arcStart = bytes[i] >= 0;
        }
    }

    /** A UTF8String: well-formed UTF-8 (no overlong form, no surrogate, nothing above U+10FFFF). */
    static void checkUtf8(byte[] bytes, DerReader.Element element, String what) throws DerException {
        if (!Utf8.isValid(bytes, element.contentStart(), element.end())) {
            throw new DerException(what + " is a UTF8String that is not UTF-8");
        }
    }

    /** A string of fixed-width characters: BMPString (2 bytes each) or UniversalString (4 bytes each). */
    static void checkCharacterWidth(DerReader.Element element, int width, String what) throws DerException {
        if (element.length() % width != 0) {
            throw new DerException(what + " is a string of " + width + "-byte characters in " + element.length()
                    + " bytes");
        }
    }
}
