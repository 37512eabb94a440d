package dev.nitroattest.cli;

import dev.nitroattest.cli.samples.Samples;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs every command once, on the jar's sample files and with its output discarded, so that a JVM started with
 * {@code -XX:ArchiveClassesAtExit} archives the classes each command loads. The {@code ./nitro-attest} launcher runs
 * it once per built jar; later runs map that class-data archive instead of loading and verifying classes one by one,
 * which is most of the tool's start-up time.
 */
public final class ArchiveTraining {
    private ArchiveTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path directory = Files.createTempDirectory("nitro-attest-training");
        try {
            train(directory);
        } finally {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(directory);
        }
    }

    private static void train(Path directory) throws IOException {
        byte[] document = Samples.document();
        String cbor = write(directory, "document.cbor", document).toString();
        String base64 = write(directory, "document.b64",
                Base64.getMimeEncoder().encode(document)).toString();
        String root = write(directory, "root.pem", Samples.rootPem().getBytes(StandardCharsets.US_ASCII)).toString();
        String image = write(directory, "app.eif", Samples.image()).toString();

        List<String[]> runs = List.of(
                new String[] {"--help"},
                new String[] {"--version"},
                new String[] {"verify", "--help"},
                new String[] {"verify", "--trust-anchor", root, "--at-document-time", cbor, base64},
                new String[] {"verify", "--trust-anchor", root, "--at-document-time", "--pcrs-from-eif", image,
                    "--json", cbor},
                new String[] {"verify", cbor},
                new String[] {"verify", "--pcr", "0=zz", cbor},
                new String[] {"inspect", cbor},
                new String[] {"inspect", "--json", cbor},
                new String[] {"pcrs", image},
                new String[] {"pcrs", "--json", image});
        for (String[] run : runs) {
            NitroAttest.run(discarding(), run);
        }
    }

    private static Path write(Path directory, String name, byte[] content) throws IOException {
        return Files.write(directory.resolve(name), content);
    }

    private static Terminal discarding() {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        return new Terminal(new ByteArrayInputStream(new byte[0]), nowhere, nowhere, Clock.systemUTC());
    }
}
