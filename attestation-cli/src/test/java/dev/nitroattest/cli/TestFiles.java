package dev.nitroattest.cli;

import dev.nitroattest.testkit.DocumentBuilder;
import dev.nitroattest.testkit.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Test-kit documents, roots and images written to a test's temporary folder, for the tool to read. */
final class TestFiles {
    static final TestPki PKI = TestPki.standard();
    /** When the standard test-kit documents are valid: their own timestamp. */
    static final Instant DOCUMENT_TIME = PKI.documentTime();

    private final Path directory;

    TestFiles(Path directory) {
        this.directory = directory;
    }

    /** A builder for a document signed by the standard test PKI. */
    static DocumentBuilder builder() {
        return DocumentBuilder.forPki(PKI);
    }

    /** The standard test-kit document, raw CBOR. */
    String document() {
        return write("document.cbor", builder().build());
    }

    /** The standard test PKI's root, PEM. */
    String root() {
        return write("root.pem", PKI.rootPem().getBytes(StandardCharsets.US_ASCII));
    }

    String write(String name, byte[] content) {
        try {
            return Files.write(directory.resolve(name), content).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String write(String name, String content) {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    Path path(String name) {
        return directory.resolve(name);
    }
}
