package dev.nitroattest.cli;

import dev.nitroattest.text.PrintableText;
import java.io.IOException;
import java.util.Locale;

/** Fits a sentence from the library into one of the tool's own. */
public final class Sentences {
    private Sentences() {
    }

    /**
     * The sentence as a clause: no final full stop, and the first letter in lower case unless the first word is a
     * name or an acronym with other capitals in it (NitroTPM, PCR0, CRC-32).
     */
    public static String clause(String sentence) {
        String clause = sentence == null ? "" : sentence.strip();
        if (clause.endsWith(".")) {
            clause = clause.substring(0, clause.length() - 1).strip();
        }
        if (clause.isEmpty()) {
            return "no reason given";
        }
        int wordEnd = clause.indexOf(' ');
        String firstWord = wordEnd < 0 ? clause : clause.substring(0, wordEnd);
        boolean name = !firstWord.substring(1).equals(firstWord.substring(1).toLowerCase(Locale.ROOT));
        return name ? clause : Character.toLowerCase(clause.charAt(0)) + clause.substring(1);
    }

    /**
     * Why reading failed, as a clause: the exception's message, which for file errors starts with the file's name
     * and so keeps its case, or a plain description when it has none (some streams throw without a message).
     */
    public static String ioFailure(IOException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return "an input/output error";
        }
        String clause = message.strip();
        return clause.endsWith(".") ? clause.substring(0, clause.length() - 1) : clause;
    }

    /**
     * A file as a message names it: escaped, backslashes doubled, so that a name holding a backslash and an "n" reads
     * differently from one holding a line break.
     */
    public static String fileName(Object path) {
        return PrintableText.escape(String.valueOf(path));
    }
}
