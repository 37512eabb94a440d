package dev.nitroattest.cli.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Writes JSON with Jackson's streaming generator: one object per line, or indented for people. */
public final class JsonOutput {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonOutput() {
    }

    /** What writes one JSON value. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    /** Writes the value as one line (JSON Lines). */
    public static void line(PrintStream out, Body body) {
        out.println(render(body, false));
    }

    /** Writes the value indented over several lines, {@code "key": value}, as nitro-cli prints its JSON. */
    public static void indented(PrintStream out, Body body) {
        out.println(render(body, true));
    }

    private static String render(Body body, boolean indented) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
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
}
