package dev.nitroattest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class SentencesTest {

    @Test
    void aSentenceBecomesAClauseAndNamesKeepTheirCapitals() {
        assertEquals("the file is empty", Sentences.clause("The file is empty."));
        assertEquals("PCR0 is wrong", Sentences.clause("PCR0 is wrong."));
        assertEquals("x", Sentences.clause("X"));
    }

    @Test
    void nothingToSayIsSaidPlainly() {
        for (String nothing : new String[] {null, "", "  ", ".", " . "}) {
            assertEquals("no reason given", Sentences.clause(nothing), String.valueOf(nothing));
        }
    }

    @Test
    void anIoFailureWithoutAMessageIsAnInputOutputError() {
        assertEquals("an input/output error", Sentences.ioFailure(new IOException()));
        assertEquals("an input/output error", Sentences.ioFailure(new IOException(" ")));
        assertEquals("/x: Is a directory", Sentences.ioFailure(new IOException("/x: Is a directory")));
    }

    @Test
    void anIoFailureKeepsTheFileNameItStartsWith() {
        assertEquals("Report.cbor: Input/output error",
                Sentences.ioFailure(new IOException("Report.cbor: Input/output error.")));
    }

    @Test
    void aFileNameInAMessageHasItsBackslashesDoubled() {
        assertEquals("a\\\\nb", Sentences.fileName("a\\nb"), "a backslash and an n");
        assertEquals("a\\nb", Sentences.fileName("a\nb"), "a line break");
    }
}
