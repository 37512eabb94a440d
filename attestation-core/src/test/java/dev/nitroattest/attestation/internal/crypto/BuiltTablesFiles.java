package dev.nitroattest.attestation.internal.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A build step, not a test: writes the tables {@link BuiltTables} reads into the module's classes, computed by the
 * library's own code (attestation-core's pom runs it at process-test-classes). {@code BuiltTablesTest} checks that
 * what it wrote is what the library computes.
 */
public final class BuiltTablesFiles {
    private BuiltTablesFiles() {
    }

    /** Writes both files into the package directory under {@code args[0]}, the module's classes. */
    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args[0]).resolve(BuiltTables.class.getPackageName().replace('.', '/'));
        Files.createDirectories(directory);
        Files.write(directory.resolve(BuiltTables.GENERATOR_FILE), BuiltTables.format(
                P384.generatorEncoded(), ScalarMultiplication.generatorWidth(),
                ScalarMultiplication.computedGeneratorTables()));
        Files.write(directory.resolve(BuiltTables.AWS_ROOT_G1_KEY_FILE), BuiltTables.format(
                BuiltTables.AWS_ROOT_G1_KEY, ScalarMultiplication.REUSED_KEY_WIDTH,
                P384PublicKey.fromEncodedPoint(BuiltTables.AWS_ROOT_G1_KEY).computedSplitTables()));
    }
}
