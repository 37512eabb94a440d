package dev.nitroattest.cli;

/** Fits a sentence from the library into one of the tool's own. */
public final class Sentences {
    private Sentences() {
    }

    /**
     * The sentence as a clause: first letter in lower case (unless it starts an acronym or a name such as PCR0), no
     * final full stop.
     */
    public static String clause(String sentence) {
        if (sentence == null || sentence.isBlank()) {
            return "no reason given";
        }
        String clause = sentence.strip();
        if (clause.endsWith(".")) {
            clause = clause.substring(0, clause.length() - 1);
        }
        boolean startsAcronym = clause.length() > 1 && Character.isUpperCase(clause.charAt(1));
        return startsAcronym ? clause : Character.toLowerCase(clause.charAt(0)) + clause.substring(1);
    }
}
