package dev.nitroattest.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one JSON writer of the programs: compact or indented, and nothing non-printable left raw. */
class JsonTextTest {
    private static final JsonText.Body SAMPLE = json -> {
        json.writeStartObject();
        json.writeStringField("text", "a\nb\u007fc\u2028d\u202ee\u00e9f\uD83D\uDE00");
        JsonText.string(json, "none", null);
        JsonText.time(json, "at", Instant.parse("2026-12-07T21:00:00Z"));
        json.writeEndObject();
    };

    @Test
    void compactOnOneLineWithEveryNonPrintableCharacterEscaped() {
        assertEquals("{\"text\":\"a\\nb\\u007Fc\\u2028d\\u202Ee\u00e9f\\uD83D\\uDE00\",\"none\":null,"
                + "\"at\":\"2026-12-07T21:00:00Z\"}", JsonText.compact(SAMPLE));
    }

    @Test
    void indentedAsNitroCliPrints() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonText.indented(new PrintStream(bytes, true, StandardCharsets.UTF_8), json -> {
            json.writeStartObject();
            json.writeStringField("a", "b");
            json.writeObjectFieldStart("c");
            json.writeNumberField("d", 1);
            json.writeEndObject();
            json.writeEndObject();
        });
        assertEquals("{\n  \"a\": \"b\",\n  \"c\": {\n    \"d\": 1\n  }\n}" + System.lineSeparator(),
                bytes.toString(StandardCharsets.UTF_8));
    }
}
