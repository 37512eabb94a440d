package dev.nitroattest.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One real attestation document of the {@link RealDocumentCorpus}, with what its manifest says of it.
 *
 * @param file the document's file name in the corpus
 * @param sha256 the file's SHA-256 per the manifest, lowercase hex
 * @param expectedVerified whether a correct verifier accepts it at {@code timestamp} (false for the negatives)
 * @param timestamp the document's own timestamp
 * @param chainValidFrom the first instant at which every certificate of its chain is valid
 * @param chainValidUntil the last instant at which every certificate of its chain is valid
 * @param debugEnclave whether it comes from a debug-mode enclave (PCR0..2 zero)
 * @param pcrCount the number of PCRs it carries
 * @param why why a correct verifier rejects it; empty for genuine documents
 * @param source where the document was copied from
 */
public record RealDocument(
        String file,
        String sha256,
        boolean expectedVerified,
        Instant timestamp,
        Instant chainValidFrom,
        Instant chainValidUntil,
        boolean debugEnclave,
        int pcrCount,
        String why,
        Source source) {

    /**
     * The public repository a document was copied from.
     *
     * @param repository the repository, as {@code owner/name}
     * @param path the file in that repository that holds the document
     * @param commit the commit it was copied at (abbreviated)
     * @param encoding how the document is written there (raw bytes, base64 in a Go string, hex...)
     */
    public record Source(String repository, String path, String commit, String encoding) {
        /** Checks that every part is present. */
        public Source {
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(commit, "commit");
            Objects.requireNonNull(encoding, "encoding");
        }
    }

    /** Checks that every part is present. */
    public RealDocument {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(chainValidFrom, "chainValidFrom");
        Objects.requireNonNull(chainValidUntil, "chainValidUntil");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(source, "source");
    }

    /**
     * The document's bytes, read from the test kit's resources.
     *
     * @return a fresh copy of the bytes
     * @throws IllegalStateException if the resource is missing or its SHA-256 is not the manifest's
     */
    public byte[] bytes() {
        byte[] bytes;
        try (InputStream in = RealDocument.class.getResourceAsStream(RealDocumentCorpus.RESOURCE_FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("The test kit lacks its real document " + file
                        + ": the testdata jar on the class path is incomplete.");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read real document " + file, e);
        }
        String actual = HexFormat.of().formatHex(sha256(bytes));
        if (!actual.equalsIgnoreCase(sha256)) {
            throw new IllegalStateException(
                    "real document " + file + " has SHA-256 " + actual + ", but the manifest says " + sha256);
        }
        return bytes;
    }

    /**
     * Writes the document into a folder, under its corpus file name: for tests of tools that read files.
     *
     * @param directory an existing folder
     * @return the file written
     * @throws UncheckedIOException if it cannot be written
     */
    public Path writeTo(Path directory) {
        Path target = directory.resolve(file);
        try {
            return Files.write(target, bytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
