package dev.nitroattest.testkit.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.nitroattest.testkit.RealDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads real-docs/manifest.json with Jackson's streaming parser. */
public final class ManifestReader {
    private static final JsonFactory JSON = new JsonFactory();

    private ManifestReader() {}

    /** The manifest's documents, in its order, with paths resolved beside the manifest. */
    public static List<RealDocument> read(Path manifest) {
        try (JsonParser parser = JSON.createParser(manifest.toFile())) {
            expect(parser, parser.nextToken(), JsonToken.START_OBJECT);
            List<RealDocument> documents = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("documents")) {
                    documents = readDocuments(parser, manifest.getParent());
                } else {
                    parser.skipChildren();
                }
            }
            if (documents == null) {
                throw new IllegalStateException(manifest + " has no \"documents\" array");
            }
            return List.copyOf(documents);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest, e);
        }
    }

    private static List<RealDocument> readDocuments(JsonParser parser, Path directory) throws IOException {
        expect(parser, parser.currentToken(), JsonToken.START_ARRAY);
        List<RealDocument> documents = new ArrayList<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            documents.add(readDocument(parser, directory));
        }
        return documents;
    }

    // Scalars by name; nested objects (such as "source") are skipped.
    private static RealDocument readDocument(JsonParser parser, Path directory) throws IOException {
        Map<String, String> fields = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value.isStructStart()) {
                parser.skipChildren();
            } else {
                fields.put(name, parser.getValueAsString());
            }
        }
        String file = required(fields, "file");
        return new RealDocument(
                file,
                directory.resolve(file),
                required(fields, "sha256"),
                expectedVerified(required(fields, "expected")),
                Instant.ofEpochMilli(Long.parseLong(required(fields, "timestamp_ms"))),
                Instant.parse(required(fields, "chain_valid_from")),
                Instant.parse(required(fields, "chain_valid_until")),
                Boolean.parseBoolean(required(fields, "debug_enclave")),
                Integer.parseInt(required(fields, "pcr_count")),
                fields.getOrDefault("why", ""));
    }

    private static boolean expectedVerified(String expected) {
        return switch (expected) {
            case "verified" -> true;
            case "rejected" -> false;
            default -> throw new IllegalStateException(
                    "manifest: \"expected\" is neither verified nor rejected: " + expected);
        };
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalStateException("a manifest entry lacks \"" + name + "\": " + fields);
        }
        return value;
    }

    private static void expect(JsonParser parser, JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalStateException("manifest: expected " + expected + " but found " + actual
                    + " at " + parser.currentLocation());
        }
    }
}
