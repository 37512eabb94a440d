package dev.nitroattest.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One real attestation document of the corpus in ../shared/real-docs, with what its manifest says of it.
 *
 * @param file the file name in the real-docs folder
 * @param path where the file is
 * @param sha256 the file's SHA-256 per the manifest, lowercase hex
 * @param expectedVerified whether a correct verifier accepts it at {@code timestamp} (false for the negatives)
 * @param timestamp the document's own timestamp
 * @param chainValidFrom the first instant at which every certificate of its chain is valid
 * @param chainValidUntil the last instant at which every certificate of its chain is valid
 * @param debugEnclave whether it comes from a debug-mode enclave (PCR0..2 zero)
 * @param pcrCount the number of PCRs it carries
 * @param why why a correct verifier rejects it; empty for genuine documents
 */
public record RealDocument(
        String file,
        Path path,
        String sha256,
        boolean expectedVerified,
        Instant timestamp,
        Instant chainValidFrom,
        Instant chainValidUntil,
        boolean debugEnclave,
        int pcrCount,
        String why) {

    /** The document's bytes, after checking that their SHA-256 is the manifest's. */
    public byte[] bytes() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read real document " + path, e);
        }
        String actual = HexFormat.of().formatHex(sha256(bytes));
        if (!actual.equalsIgnoreCase(sha256)) {
            throw new IllegalStateException(
                    "real document " + path + " has SHA-256 " + actual + ", but the manifest says " + sha256);
        }
        return bytes;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
