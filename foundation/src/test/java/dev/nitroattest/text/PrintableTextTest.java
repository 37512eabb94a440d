package dev.nitroattest.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Text someone else wrote is escaped and bounded before it goes into a detail, an output line or a log line. */
@DisplayName("Printable text")
class PrintableTextTest {
    @Test
    @DisplayName("line breaks, controls, separators, formatting and lone surrogates are escaped; backslashes doubled")
    void escapes() {
        assertEquals("a\\nb\\rc\\td", PrintableText.escape("a\nb\rc\td", 100));
        assertEquals("\\x00\\x1b\\x7f\\x85\\x9f", PrintableText.escape("\u0000\u001b\u007f\u0085\u009f", 100));
        assertEquals("\\u2028\\u2029\\u202e\\u200b", PrintableText.escape("\u2028\u2029\u202e\u200b", 100));
        assertEquals("\\ud800x\\udc00", PrintableText.escape("\ud800x\udc00", 100));
        assertEquals("\\U000e0001\\U000effff", PrintableText.escape(
                new String(Character.toChars(0xe0001)) + new String(Character.toChars(0xeffff)), 100));
        assertEquals("\\\\n is not a line break", PrintableText.escape("\\n is not a line break", 100));
        assertEquals("\\ue000\\U000f0000", PrintableText.escape("\ue000" + new String(Character.toChars(0xf0000))),
                "private-use code points");
        assertEquals("\\ufffe\\uffff\\U0010ffff", PrintableText.escape("\ufffe\uffff"
                + new String(Character.toChars(0x10ffff))), "noncharacters on each side of the 16-bit boundary");
        String linearB = new String(Character.toChars(0x10000));
        assertEquals(linearB, PrintableText.escape(linearB), "the first code point above 16 bits is printable");
    }

    @Test
    @DisplayName("a word has its spaces escaped too, so that it stays one field of a space-separated line")
    void words() {
        assertEquals("my\\x20file.cbor", PrintableText.escapeWord("my file.cbor"));
        assertEquals("a\\u00a0b\\u3000c\\nd\\\\e", PrintableText.escapeWord("a\u00a0b\u3000c\nd\\e"));
        assertEquals("a b", PrintableText.escape("a b"), "outside a word a space is printable");
    }

    @Test
    @DisplayName("a sentence keeps its backslashes, so that parts escaped once are not escaped twice")
    void sentences() {
        String detail = "leaf (CN=x\\nVERIFIED y) is expired.";
        assertEquals(detail, PrintableText.escapeSentence(detail));
        assertEquals("one\\ntwo \\x1b[2K", PrintableText.escapeSentence("one\ntwo \u001b[2K"));
    }

    @Test
    @DisplayName("printable text, accented letters, other scripts and emoji pass unchanged")
    void keepsPrintableText() {
        String text = "C=US,O=Amazon,CN=aws.nitro-enclaves é 漢字 \ud83d\ude00 ~!@#$%^&*()";
        assertEquals(text, PrintableText.escape(text, 100));
    }

    @Test
    @DisplayName("long text is cut and marked, never inside a character")
    void bounded() {
        assertEquals("abcd...", PrintableText.escape("abcdefgh", 4));
        assertEquals("abcdefgh", PrintableText.escape("abcdefgh", 8));
        assertEquals("\ud83d\ude00\ud83d\ude00...", PrintableText.escape("\ud83d\ude00".repeat(5), 3));
        assertEquals(256 + 3, PrintableText.fromCertificate("x".repeat(1000)).length());
    }
}
