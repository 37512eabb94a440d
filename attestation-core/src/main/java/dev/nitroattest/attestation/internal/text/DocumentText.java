package dev.nitroattest.attestation.internal.text;

/**
 * Text taken from a document (a payload key, a certificate name, a decoder's message about the bytes), made
 * fit for a rejection detail. A detail is one line that callers log and print, so a document must not be
 * able to start a new line in it, hide text with bidirectional overrides, or make it arbitrarily long.
 */
public final class DocumentText {
    /** Names in AWS's certificates are under 200 characters; a longer one is cut. */
    private static final int MAX_CERTIFICATE_TEXT = 256;

    private DocumentText() {
    }

    /** Text from a certificate, such as a subject or issuer name, made fit for a rejection detail. */
    public static String fromCertificate(String text) {
        return printable(text, MAX_CERTIFICATE_TEXT);
    }

    /**
     * {@code text} with every control, line-separating, formatting, unassigned or lone-surrogate character
     * escaped ({@code \n}, {@code \r}, {@code \t}; backslash-x and two hex digits below U+00A0, backslash-u
     * and four hex digits above, backslash-U and eight beyond U+FFFF), each backslash doubled so that escapes
     * stay unambiguous, and cut after about {@code maxLength} characters with "..." appended.
     */
    public static String printable(String text, int maxLength) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxLength) + 8);
        int i = 0;
        while (i < text.length() && out.length() < maxLength) {
            int codePoint = text.codePointAt(i);
            appendEscaped(out, codePoint);
            i += Character.charCount(codePoint);
        }
        if (i < text.length()) {
            out.append("...");
        }
        return out.toString();
    }

    private static void appendEscaped(StringBuilder out, int codePoint) {
        switch (codePoint) {
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (codePoint < 0xa0 && Character.isISOControl(codePoint)) {
                    out.append(String.format("\\x%02x", codePoint));
                } else if (needsEscape(codePoint)) {
                    out.append(codePoint <= 0xffff ? String.format("\\u%04x", codePoint)
                            : String.format("\\U%08x", codePoint));
                } else {
                    out.appendCodePoint(codePoint);
                }
            }
        }
    }

    private static boolean needsEscape(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.FORMAT, Character.UNASSIGNED,
                    Character.SURROGATE, Character.CONTROL -> true;
            default -> false;
        };
    }
}
