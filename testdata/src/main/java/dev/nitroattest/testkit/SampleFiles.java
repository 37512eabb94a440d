package dev.nitroattest.testkit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test kit's sample files, written to a folder at build time for tools that must not carry the test kit itself
 * (the command-line tool's {@code speed} and its class-data training ship them as resources instead). Everything is
 * derived from fixed seeds, so the files are the same on every build:
 *
 * <ul>
 *   <li>{@value #DOCUMENT}: the standard PKI's document, timestamped at {@link TestPki#documentTime()};
 *   <li>{@value #ROOT}: the standard PKI's root certificate, PEM;
 *   <li>{@value #IMAGE}: the minimal enclave image file, signed by the standard leaf;
 *   <li>{@value #NEW_LEAF_DOCUMENTS}: documents under the standard intermediates, each with a leaf of its own that
 *       no verifier has seen: a 4-byte big-endian count, then each document as a 4-byte length and its bytes.
 * </ul>
 */
public final class SampleFiles {
    /** The standard document's file name. */
    public static final String DOCUMENT = "document.cbor";
    /** The root certificate's file name. */
    public static final String ROOT = "root.pem";
    /** The enclave image file's name. */
    public static final String IMAGE = "image.eif";
    /** The new-leaf documents' file name. */
    public static final String NEW_LEAF_DOCUMENTS = "new-leaf-documents.bin";
    /** How many new-leaf documents {@link #main} writes. */
    public static final int DEFAULT_NEW_LEAF_DOCUMENTS = 256;

    private SampleFiles() {
    }

    /** Writes the files into the folder named by the first argument, creating it if needed. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("Usage: SampleFiles FOLDER");
        }
        write(Path.of(args[0]), DEFAULT_NEW_LEAF_DOCUMENTS);
    }

    /** Writes the files, with {@code newLeafDocuments} documents in the new-leaf file. */
    public static void write(Path folder, int newLeafDocuments) throws IOException {
        Files.createDirectories(folder);
        TestPki pki = TestPki.standard();
        Files.write(folder.resolve(DOCUMENT), DocumentBuilder.forPki(pki).build());
        Files.writeString(folder.resolve(ROOT), pki.rootPem(), StandardCharsets.US_ASCII);
        EifWriter.minimal().signedBy(pki.leaf()).writeTo(folder.resolve(IMAGE));
        Files.write(folder.resolve(NEW_LEAF_DOCUMENTS), newLeafDocuments(pki, newLeafDocuments));
    }

    private static byte[] newLeafDocuments(TestPki pki, int count) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(count);
            for (int i = 0; i < count; i++) {
                EcKeyPair leafKey = EcKeyPair.derive(EcCurve.P384, "speed: new leaf " + i);
                byte[] leaf = TestCertificates.issue(pki.leaf().spec().toBuilder()
                        .serial(BigInteger.valueOf(30_000 + i)).subjectKey(leafKey).build()).der();
                byte[] document = DocumentBuilder.withSigner(leafKey, leaf, pki.cabundle()).build();
                out.writeInt(document.length);
                out.write(document);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
