package dev.nitroattest.cli;

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
     * Why reading failed, as a clause: the exception's message, which for file errors names the file and the
     * problem, or a plain description when it has none (some streams throw without a message).
     */
    public static String ioFailure(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? "an input/output error" : clause(message);
    }
}
