package dev.nitroattest.cli;

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
        if (sentence == null || sentence.isBlank()) {
            return "no reason given";
        }
        String clause = sentence.strip();
        if (clause.endsWith(".")) {
            clause = clause.substring(0, clause.length() - 1);
        }
        int wordEnd = clause.indexOf(' ');
        String firstWord = wordEnd < 0 ? clause : clause.substring(0, wordEnd);
        boolean name = !firstWord.substring(1).equals(firstWord.substring(1).toLowerCase(Locale.ROOT));
        return name ? clause : Character.toLowerCase(clause.charAt(0)) + clause.substring(1);
    }
}
