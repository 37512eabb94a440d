package dev.nitroattest.testkit.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.nitroattest.testkit.RealDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the real documents' manifest.json with Jackson's streaming parser. */
public final class ManifestReader {
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * What the manifest says.
     *
     * @param rootCertificateSha256 the SHA-256 of the root the genuine documents chain to, lowercase hex
     * @param documents the documents, in the manifest's order
     */
    public record Manifest(String rootCertificateSha256, List<RealDocument> documents) {
        /** Copies the list. */
        public Manifest {
            documents = List.copyOf(documents);
        }
    }

    private ManifestReader() {}

    /**
     * Reads a manifest from the class path.
     *
     * @param anchor the class the resource name is relative to
     * @param resource the manifest's resource name
     * @return the manifest
     * @throws IllegalStateException if it is missing or malformed
     */
    public static Manifest read(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The test kit lacks its resource " + resource
                        + ": the testdata jar on the class path is incomplete.");
            }
            return read(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static Manifest read(InputStream in, String name) throws IOException {
        try (JsonParser parser = JSON.createParser(in)) {
            expect(parser, parser.nextToken(), JsonToken.START_OBJECT);
            List<RealDocument> documents = null;
            String rootSha256 = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("documents")) {
                    documents = readDocuments(parser);
                } else if (field.equals("root_certificate_sha256")) {
                    rootSha256 = parser.getValueAsString();
                } else {
                    parser.skipChildren();
                }
            }
            if (documents == null || rootSha256 == null) {
                throw new IllegalStateException(name + " lacks \"documents\" or \"root_certificate_sha256\"");
            }
            return new Manifest(rootSha256, documents);
        }
    }

    private static List<RealDocument> readDocuments(JsonParser parser) throws IOException {
        expect(parser, parser.currentToken(), JsonToken.START_ARRAY);
        List<RealDocument> documents = new ArrayList<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            documents.add(readDocument(parser));
        }
        return documents;
    }

    // Scalars by name; the nested "source" object by its own scalars.
    private static RealDocument readDocument(JsonParser parser) throws IOException {
        Map<String, String> fields = new HashMap<>();
        Map<String, String> source = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("source") && value == JsonToken.START_OBJECT) {
                source = readScalars(parser);
            } else if (value.isStructStart()) {
                parser.skipChildren();
            } else {
                fields.put(name, parser.getValueAsString());
            }
        }
        String file = required(fields, "file");
        if (source == null) {
            throw new IllegalStateException("the manifest entry of " + file + " names no source");
        }
        return new RealDocument(
                file,
                required(fields, "sha256"),
                expectedVerified(required(fields, "expected")),
                Instant.ofEpochMilli(Long.parseLong(required(fields, "timestamp_ms"))),
                Instant.parse(required(fields, "chain_valid_from")),
                Instant.parse(required(fields, "chain_valid_until")),
                Boolean.parseBoolean(required(fields, "debug_enclave")),
                Integer.parseInt(required(fields, "pcr_count")),
                fields.getOrDefault("why", ""),
                new RealDocument.Source(required(source, "repo"), required(source, "path"),
                        required(source, "commit"), required(source, "encoding")));
    }

    private static Map<String, String> readScalars(JsonParser parser) throws IOException {
        Map<String, String> fields = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (parser.nextToken().isStructStart()) {
                parser.skipChildren();
            } else {
                fields.put(name, parser.getValueAsString());
            }
        }
        return fields;
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
