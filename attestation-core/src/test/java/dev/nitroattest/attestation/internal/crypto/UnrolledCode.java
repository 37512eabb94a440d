package dev.nitroattest.attestation.internal.crypto;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a generated method body ({@link P384FieldSource}), each indented, laid out as the committed
 * {@code P384Field.java} has them: short statements side by side, long sums broken before a plus sign.
 */
final class UnrolledCode {
    /** A statement in a method body. */
    static final int BODY = 8;
    /** A statement inside an {@code if} of a method body. */
    static final int NESTED = 12;

    private static final int LINE_LIMIT = 120;
    /** Sums stop four columns short of the limit, the layout the file has always had. */
    private static final int SUM_LINE_LIMIT = 116;
    private static final String PLUS = " + ";
    private static final String SUM_CONTINUATION = " ".repeat(BODY) + "+ ";

    private final List<String> lines = new ArrayList<>();

    UnrolledCode line(String statement) {
        return line(BODY, statement);
    }

    UnrolledCode line(int indent, String statement) {
        lines.add(" ".repeat(indent) + statement);
        return this;
    }

    /** As many statements on a line as fit in 120 columns. */
    UnrolledCode packed(int indent, List<String> statements) {
        StringBuilder line = new StringBuilder();
        for (String statement : statements) {
            if (!line.isEmpty() && indent + line.length() + 1 + statement.length() > LINE_LIMIT) {
                line(indent, line.toString());
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(statement);
        }
        if (!line.isEmpty()) {
            line(indent, line.toString());
        }
        return this;
    }

    /** Four statements a line, one for each of four limbs (the loads of the 16 limbs, subtract's stores). */
    UnrolledCode fourPerLine(int indent, List<String> statements) {
        for (int i = 0; i < statements.size(); i += 4) {
            line(indent, String.join(" ", statements.subList(i, Math.min(i + 4, statements.size()))));
        }
        return this;
    }

    /**
     * A statement whose right-hand side is a long sum: it goes on as long as it fits, then breaks before a plus sign
     * and continues indented by another level.
     */
    UnrolledCode sum(String statement) {
        String[] summands = statement.split(" \\+ ");
        StringBuilder line = new StringBuilder(summands[0]);
        for (int i = 1; i < summands.length; i++) {
            if (BODY + line.length() + PLUS.length() + summands[i].length() > SUM_LINE_LIMIT) {
                line(line.toString());
                line.setLength(0);
                line.append(SUM_CONTINUATION).append(summands[i]);
            } else {
                line.append(PLUS).append(summands[i]);
            }
        }
        return line(line.toString());
    }

    /** The lines, without a newline after the last one (the template has it). */
    String text() {
        return String.join("\n", lines);
    }
}
