package dev.nitroattest.text;

/**
 * Text that someone else wrote (a certificate name, a payload key, a file name, what a network client sent), made
 * fit for one line that is logged or printed: it must not be able to start a line of its own (a forged
 * {@code VERIFIED} line or log entry), send terminal escape sequences, or reorder what is shown with bidirectional
 * overrides. The project's one notation for this, used in rejection details, the CLI's output and the agent's log:
 *
 * <ul>
 *   <li>{@code \n}, {@code \r}, {@code \t} for those three;
 *   <li>backslash, x and two hex digits for the other controls below U+00A0 (ESC is {@code \x1b});
 *   <li>backslash, u and four hex digits, or backslash, U and eight, for line and paragraph separators, format
 *       characters (bidirectional controls, zero-width characters), private-use and unassigned code points and
 *       lone surrogates.
 * </ul>
 */
public final class PrintableText {
    /** Names in AWS's certificates are under 200 characters; a longer one is cut. */
    private static final int MAX_CERTIFICATE_TEXT = 256;

    private PrintableText() {
    }

    /** Text from a certificate, such as a subject or issuer name, escaped and cut for a rejection detail. */
    public static String fromCertificate(String text) {
        return escape(text, MAX_CERTIFICATE_TEXT);
    }

    /** A value taken as it is: every non-printable character escaped, and each backslash doubled. */
    public static String escape(String text) {
        return escape(text, Integer.MAX_VALUE);
    }

    /** As {@link #escape(String)}, cut after about {@code maxLength} characters, never inside one, with "...". */
    public static String escape(String text, int maxLength) {
        return escape(text, maxLength, true, false);
    }

    /**
     * A value printed as one field of a line of space-separated fields: as {@link #escape(String)}, and each white
     * space character escaped too ({@code \x20} for a space), so that scripts can split the line on spaces.
     */
    public static String escapeWord(String text) {
        return escape(text, Integer.MAX_VALUE, true, true);
    }

    /**
     * A sentence composed of parts that were escaped already, such as a rejection detail: non-printable characters
     * escaped, backslashes left alone so that what was escaped once is not escaped twice.
     */
    public static String escapeSentence(String text) {
        return escape(text, Integer.MAX_VALUE, false, false);
    }

    /**
     * Whether a terminal would not show the character as itself: controls (C0, DEL, C1), line and paragraph
     * separators, format characters, private-use and unassigned code points, and lone surrogates.
     */
    public static boolean isNonPrintable(int codePoint) {
        if (Character.isISOControl(codePoint)) {
            return true;
        }
        return switch (Character.getType(codePoint)) {
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.FORMAT, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.SURROGATE -> true;
            default -> false;
        };
    }

    private static String escape(String text, int maxLength, boolean doubleBackslashes, boolean escapeSpaces) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxLength) + 8);
        int i = 0;
        while (i < text.length()) {
            if (out.length() >= maxLength) {
                return out.append("...").toString();
            }
            int codePoint = text.codePointAt(i);
            String escape = escapeOf(codePoint, doubleBackslashes, escapeSpaces);
            if (escape != null) {
                out.append(escape);
            } else {
                out.appendCodePoint(codePoint);
            }
            i += Character.charCount(codePoint);
        }
        return out.toString();
    }

    private static String escapeOf(int codePoint, boolean doubleBackslashes, boolean escapeSpaces) {
        switch (codePoint) {
            case '\\':
                return doubleBackslashes ? "\\\\" : null;
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        if (!(escapeSpaces && Character.isSpaceChar(codePoint)) && !isNonPrintable(codePoint)) {
            return null;
        }
        if (codePoint < 0xa0) {
            return String.format("\\x%02x", codePoint);
        }
        return codePoint <= 0xffff ? String.format("\\u%04x", codePoint) : String.format("\\U%08x", codePoint);
    }
}
