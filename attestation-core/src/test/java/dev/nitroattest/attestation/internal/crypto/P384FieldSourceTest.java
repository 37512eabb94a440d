package dev.nitroattest.attestation.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed {@link P384Field} is what {@link P384FieldSource} writes, to the byte. */
class P384FieldSourceTest {
    private static final String REGENERATE = "./mvnw -B -q -pl attestation-core test-compile exec:java"
            + " -Dexec.classpathScope=test -Dexec.mainClass=" + P384FieldSource.class.getName()
            + " -Dexec.args=attestation-core/src/main/java";

    @Test
    void theCommittedFileIsWhatTheGeneratorWrites() throws IOException {
        String committed = Files.readString(Path.of("src/main/java", P384FieldSource.FILE), StandardCharsets.UTF_8);
        String generated = P384FieldSource.source();
        if (!generated.equals(committed)) {
            fail("P384Field.java is not what P384FieldSource writes (" + firstDifference(generated, committed)
                    + "): change the generator or its template P384Field.java.template, not the file, and regenerate"
                    + " it from the repository root with " + REGENERATE);
        }
    }

    @Test
    void theToolWritesTheFileUnderTheSourceRootItIsGiven(@TempDir Path sourceRoot) throws IOException {
        Path file = sourceRoot.resolve(P384FieldSource.FILE);
        Files.createDirectories(file.getParent());
        P384FieldSource.main(new String[] {sourceRoot.toString()});
        assertEquals(P384FieldSource.source(), Files.readString(file, StandardCharsets.UTF_8));
    }

    private static String firstDifference(String expected, String actual) {
        List<String> expectedLines = expected.lines().toList();
        List<String> actualLines = actual.lines().toList();
        for (int i = 0; i < Math.min(expectedLines.size(), actualLines.size()); i++) {
            if (!expectedLines.get(i).equals(actualLines.get(i))) {
                return "line " + (i + 1) + " is \"" + actualLines.get(i).strip() + "\", the generator writes \""
                        + expectedLines.get(i).strip() + "\"";
            }
        }
        return expectedLines.size() == actualLines.size() ? "line endings differ"
                : "the file has " + actualLines.size() + " lines, the generator writes " + expectedLines.size();
    }
}
