package dev.nitroattest.agent;

/**
 * Text that may carry what a client sent, made safe for one line of the log or of a failure message. Control
 * characters, line and paragraph separators, format characters (such as the bidirectional overrides), and unassigned,
 * private-use or lone surrogate code points become escapes of a backslash, "u" and four hex digits per UTF-16 unit,
 * and a backslash becomes two, so that client text can neither start a line of its own nor pass for text the agent
 * wrote.
 */
final class PrintableText {
    private PrintableText() {}

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\\') {
                out.append("\\\\");
            } else if (printable(c)) {
                out.appendCodePoint(c);
            } else {
                for (char unit : Character.toChars(c)) {
                    out.append(String.format("\\u%04x", (int) unit));
                }
            }
        });
        return out.toString();
    }

    private static boolean printable(int c) {
        if (Character.isISOControl(c)) {
            return false;
        }
        return switch (Character.getType(c)) {
            case Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.UNASSIGNED,
                    Character.PRIVATE_USE, Character.SURROGATE -> false;
            default -> true;
        };
    }
}
