package dev.nitroattest.testkit;

import dev.nitroattest.testkit.internal.ManifestReader;
import java.util.List;

/**
 * Real attestation documents, produced and signed by AWS Nitro hardware and copied from public repositories, that
 * the test kit carries as resources: 20 genuine documents and 2 that a correct verifier rejects, with the manifest
 * that names each one's source and verdict. They let a relying service's own tests run against real AWS documents
 * without an enclave or a network. Genuine ones verify against the AWS Nitro Enclaves Root G1 only at a time inside
 * their chain's validity (their own timestamp, for instance); at the present time their certificates have expired.
 *
 * <p>This is test data: the documents are years old and prove nothing about any enclave running today.
 */
public final class RealDocumentCorpus {
    /** The classpath folder, relative to this class, that holds the documents and their manifest. */
    static final String RESOURCE_FOLDER = "real-docs/";
    private static final RealDocumentCorpus INSTANCE = new RealDocumentCorpus(
            ManifestReader.read(RealDocumentCorpus.class, RESOURCE_FOLDER + "manifest.json"));

    private final ManifestReader.Manifest manifest;

    private RealDocumentCorpus(ManifestReader.Manifest manifest) {
        this.manifest = manifest;
    }

    /**
     * The corpus shipped in the test kit's jar.
     *
     * @return the corpus; its manifest was read once and checked when this class loaded
     */
    public static RealDocumentCorpus load() {
        return INSTANCE;
    }

    /**
     * Every document, in manifest order.
     *
     * @return the 22 documents, immutable
     */
    public List<RealDocument> documents() {
        return manifest.documents();
    }

    /**
     * The documents a correct verifier accepts at their own timestamp (debug-mode ones with debug enclaves allowed).
     *
     * @return the genuine documents, in manifest order
     */
    public List<RealDocument> genuine() {
        return documents().stream().filter(RealDocument::expectedVerified).toList();
    }

    /**
     * The documents a correct verifier rejects; each one's {@link RealDocument#why()} says why.
     *
     * @return the negatives, in manifest order
     */
    public List<RealDocument> negatives() {
        return documents().stream().filter(document -> !document.expectedVerified()).toList();
    }

    /**
     * The SHA-256 of the AWS Nitro Enclaves Root G1 certificate (DER) under which the genuine documents verify, as
     * the manifest records it: an independent record to compare an embedded root with.
     *
     * @return lowercase hex
     */
    public String rootCertificateSha256() {
        return manifest.rootCertificateSha256();
    }
}
