package dev.nitroattest.attestation.internal.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Text from a document is escaped and bounded before it goes into a rejection's detail. */
@DisplayName("Document text in details")
class DocumentTextTest {
    @Test
    @DisplayName("line breaks, controls, separators, formatting and lone surrogates are escaped; backslashes doubled")
    void escapes() {
        assertEquals("a\\nb\\rc\\td", DocumentText.printable("a\nb\rc\td", 100));
        assertEquals("\\x00\\x1b\\x7f\\x85\\x9f", DocumentText.printable("\u0000\u001b\u007f\u0085\u009f", 100));
        assertEquals("\\u2028\\u2029\\u202e\\u200b", DocumentText.printable("\u2028\u2029\u202e\u200b", 100));
        assertEquals("\\ud800x\\udc00", DocumentText.printable("\ud800x\udc00", 100));
        assertEquals("\\U000e0001\\U000effff", DocumentText.printable(
                new String(Character.toChars(0xe0001)) + new String(Character.toChars(0xeffff)), 100));
        assertEquals("\\\\n is not a line break", DocumentText.printable("\\n is not a line break", 100));
    }

    @Test
    @DisplayName("printable text, accented letters, other scripts and emoji pass unchanged")
    void keepsPrintableText() {
        String text = "C=US,O=Amazon,CN=aws.nitro-enclaves é 漢字 \ud83d\ude00 ~!@#$%^&*()";
        assertEquals(text, DocumentText.printable(text, 100));
    }

    @Test
    @DisplayName("long text is cut and marked, never inside a character")
    void bounded() {
        assertEquals("abcd...", DocumentText.printable("abcdefgh", 4));
        assertEquals("abcdefgh", DocumentText.printable("abcdefgh", 8));
        assertEquals("\ud83d\ude00\ud83d\ude00...", DocumentText.printable("\ud83d\ude00".repeat(5), 3));
        assertEquals(256 + 3, DocumentText.fromCertificate("x".repeat(1000)).length());
    }
}
