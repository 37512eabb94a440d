package dev.nitroattest.cli.options;

/**
 * Numbers and hex strings on the command line are ASCII. Java's own tests ({@code Character.isDigit},
 * {@code Character.digit}, {@code Long.parseLong}) accept every Unicode digit, so a full-width or Arabic-Indic
 * digit would be read as a number here and refused, with a stack trace, further in.
 */
final class Ascii {
    private Ascii() {
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static boolean isDigits(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> isDigit((char) c));
    }

    /** The position (from 0) of the first character that is not an ASCII hex digit, or -1. */
    static int firstNonHexDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isHexDigit(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
