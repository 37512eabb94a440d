package dev.nitroattest.testkit;

import dev.nitroattest.testkit.internal.ManifestReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The real attestation documents in {@code ../shared/real-docs} (third-party data, never copied into the project),
 * as listed by its manifest.json.
 */
public final class RealDocumentCorpus {
    /** The system property that names the shared folder; the parent pom passes it to every test run. */
    public static final String SHARED_DIR_PROPERTY = "nitro.shared.dir";
    private static final String REAL_DOCS = "real-docs";
    private static final String MANIFEST = "manifest.json";

    private final Path directory;
    private final List<RealDocument> documents;

    private RealDocumentCorpus(Path directory) {
        this.directory = directory;
        this.documents = ManifestReader.read(directory.resolve(MANIFEST));
    }

    /**
     * The corpus at {@code ${nitro.shared.dir}/real-docs}, or else at the first {@code shared/real-docs} found
     * beside the working directory or one of its ancestors; empty when there is none.
     */
    public static Optional<RealDocumentCorpus> locate() {
        return locate(System.getProperty(SHARED_DIR_PROPERTY), Path.of(System.getProperty("user.dir")))
                .map(RealDocumentCorpus::new);
    }

    /** The corpus from {@link #locate()}, or an IllegalStateException that says how to provide it. */
    public static RealDocumentCorpus require() {
        return locate().orElseThrow(() -> new IllegalStateException(
                "The real-documents folder ../shared/real-docs is absent: these tests read real AWS attestation "
                        + "documents from it (third-party data, never copied into the project). Put the shared folder "
                        + "next to the project checkout (so that ../shared/real-docs/manifest.json exists), or run "
                        + "with -D" + SHARED_DIR_PROPERTY + "=<folder holding real-docs>. Looked at "
                        + SHARED_DIR_PROPERTY + "=" + System.getProperty(SHARED_DIR_PROPERTY)
                        + " and the ancestors of " + System.getProperty("user.dir") + "."));
    }

    static Optional<Path> locate(String sharedDirProperty, Path start) {
        if (sharedDirProperty != null && hasManifest(Path.of(sharedDirProperty, REAL_DOCS))) {
            return Optional.of(Path.of(sharedDirProperty, REAL_DOCS).toAbsolutePath().normalize());
        }
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(REAL_DOCS);
            if (hasManifest(candidate)) {
                return Optional.of(candidate.normalize());
            }
        }
        return Optional.empty();
    }

    private static boolean hasManifest(Path realDocs) {
        return Files.isRegularFile(realDocs.resolve(MANIFEST));
    }

    /** The folder the documents are read from. */
    public Path directory() {
        return directory;
    }

    /** Every document, in manifest order. */
    public List<RealDocument> documents() {
        return documents;
    }

    /** The documents a correct verifier accepts (at their own timestamp). */
    public List<RealDocument> genuine() {
        return documents.stream().filter(RealDocument::expectedVerified).toList();
    }

    /** The documents a correct verifier rejects; each one's {@link RealDocument#why()} says why. */
    public List<RealDocument> negatives() {
        return documents.stream().filter(document -> !document.expectedVerified()).toList();
    }
}
