package dev.nitroattest.process;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.nitroattest.text.PrintableText;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * How the project's programs write JSON (the CLI's output, the proxy's HTTP bodies, the KMS emulator's answers): with
 * Jackson's streaming generator, compact on one line or indented for people. Jackson escapes the controls below
 * U+0020 (newline, ESC) by itself; every other character {@link PrintableText} treats as non-printable is escaped too,
 * because a raw U+2028 ends a line for some JSON Lines readers (Python's {@code splitlines}) and a raw C1 control or
 * bidirectional override reaches the terminal or the log of whoever reads the output. Uses jackson-core, which this
 * module declares optional: only the programs that write JSON need it.
 */
public final class JsonText {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final CharacterEscapes ESCAPES = new NonPrintableEscapes();

    private JsonText() {
    }

    /** What writes one JSON value. */
    @FunctionalInterface
    public interface Body {
        /** Writes the value with the generator. */
        void write(JsonGenerator json) throws IOException;
    }

    /** The value on one line, without a line end. */
    public static String compact(Body body) {
        return render(body, false);
    }

    /** Prints the value as one line (JSON Lines). */
    public static void line(PrintStream out, Body body) {
        out.println(compact(body));
    }

    /** Prints the value indented over several lines, {@code "key": value}, as nitro-cli prints its JSON. */
    public static void indented(PrintStream out, Body body) {
        out.println(render(body, true));
    }

    /** A string field, or null. */
    public static void string(JsonGenerator json, String field, String value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, value);
        }
    }

    /** An ISO-8601 UTC time field, or null. */
    public static void time(JsonGenerator json, String field, Instant value) throws IOException {
        string(json, field, value == null ? null : value.toString());
    }

    private static String render(Body body, boolean indented) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            json.setCharacterEscapes(ESCAPES);
            if (indented) {
                json.setPrettyPrinter(new DefaultPrettyPrinter()
                        .withSeparators(Separators.createDefaultInstance()
                                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                        .withObjectIndenter(new DefaultIndenter("  ", "\n")));
            }
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return text.toString();
    }

    /**
     * Jackson's escapes, and a JSON <code>&#92;uNNNN</code> (upper-case hex, as Jackson writes its own) for DEL and
     * each non-ASCII character not shown as itself.
     */
    private static final class NonPrintableEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private static final int DELETE = 0x7f;

        private final int[] ascii;

        NonPrintableEscapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii[DELETE] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        /**
         * Called for each UTF-16 unit above ASCII, so a character beyond U+FFFF comes as two surrogates that cannot be
         * judged one at a time: every surrogate is escaped, and a decoder joins the pair again. Tag characters and
         * other invisible characters up there cannot reach a terminal raw; emoji cost twelve bytes instead of four.
         */
        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (!Character.isSurrogate((char) ch) && !PrintableText.isNonPrintable(ch)) {
                return null;
            }
            return new SerializedString(String.format("\\u%04X", ch));
        }
    }
}
