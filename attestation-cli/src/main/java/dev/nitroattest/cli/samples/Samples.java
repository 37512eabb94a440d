package dev.nitroattest.cli.samples;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample files the build writes into the jar (with the test kit's {@code SampleFiles}, which the jar does not
 * carry): a document and its test root, a signed enclave image, and documents with leaves never seen. {@code speed}
 * measures them when given no file, and the class-data training runs every command on them.
 */
public final class Samples {
    private static final String FOLDER = "/dev/nitroattest/cli/samples/";

    private Samples() {
    }

    /** The sample document, timestamped within its chain's validity. */
    public static byte[] document() {
        return read("document.cbor");
    }

    /** The test root the sample documents chain to, PEM. */
    public static String rootPem() {
        return new String(read("root.pem"), StandardCharsets.US_ASCII);
    }

    /** A minimal enclave image file, signed by the sample document's leaf certificate. */
    public static byte[] image() {
        return read("image.eif");
    }

    /** Documents under the sample intermediates, each with a leaf of its own. */
    public static List<byte[]> newLeafDocuments() {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(read("new-leaf-documents.bin")))) {
            int count = in.readInt();
            List<byte[]> documents = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                documents.add(in.readNBytes(in.readInt()));
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(String name) {
        try (InputStream in = Samples.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("The sample file " + name + " is missing from this jar; it is written "
                        + "by the build (attestation-cli's process-classes phase).");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
