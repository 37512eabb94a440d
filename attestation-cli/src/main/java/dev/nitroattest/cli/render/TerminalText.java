package dev.nitroattest.cli.render;

/**
 * The one place where strings from a document or from the user (file names, module_id, certificate names, library
 * details that quote them) are made fit for the tool's text output. A document must not be able to start a line that
 * looks like the tool's own (a {@code VERIFIED} line after a newline in a certificate name), send terminal escape
 * sequences, or reorder what is shown with bidirectional overrides.
 *
 * <p>Non-printable characters are written as {@code \n}, {@code \r}, {@code \t}, {@code \xNN} (other controls up
 * to U+009F, ESC being {@code \x1b}), and <code>&#92;uNNNN</code> or {@code \UNNNNNNNN} (line and paragraph
 * separators, format characters such as bidirectional overrides, unassigned code points, lone surrogates): the
 * notation attestation-core uses in its rejection details, so that both read alike.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** A value taken as it is from a document or the command line: escaped, with backslashes doubled. */
    public static String value(String text) {
        return escape(text, true, false);
    }

    /**
     * A value printed as one field of a line of space-separated fields ({@code REJECTED <file> <REASON>: ...}): as
     * {@link #value}, and every space written {@code \x20} (other white space as its escape), so that the field is
     * one word that scripts can split on and unescape.
     */
    public static String field(String text) {
        return escape(text, true, true);
    }

    /**
     * A sentence already composed, such as a library's rejection detail or a message naming a file: non-printable
     * characters escaped, backslashes left alone so that a detail the library escaped already is not escaped twice.
     */
    public static String sentence(String text) {
        return escape(text, false, false);
    }

    private static String escape(String text, boolean doubleBackslashes, boolean escapeSpaces) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            String escape = escapeOf(codePoint, doubleBackslashes, escapeSpaces);
            if (escape != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (escape != null) {
                    out.append(escape);
                } else {
                    out.appendCodePoint(codePoint);
                }
            }
            i += Character.charCount(codePoint);
        }
        return out == null ? text : out.toString();
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
        boolean space = escapeSpaces && Character.isSpaceChar(codePoint);
        if (!space && !isNonPrintable(codePoint)) {
            return null;
        }
        if (codePoint < 0xa0) {
            return String.format("\\x%02x", codePoint);
        }
        return codePoint <= 0xffff ? String.format("\\u%04x", codePoint) : String.format("\\U%08x", codePoint);
    }

    /**
     * Whether a terminal would not show the character as itself: controls (C0, DEL, C1), line and paragraph
     * separators, format characters (bidirectional controls, zero-width characters), unassigned code points and
     * lone surrogates.
     */
    public static boolean isNonPrintable(int codePoint) {
        if (Character.isISOControl(codePoint)) {
            return true;
        }
        return switch (Character.getType(codePoint)) {
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.FORMAT, Character.UNASSIGNED,
                    Character.SURROGATE -> true;
            default -> false;
        };
    }
}
