package dev.nitroattest.attestation.internal.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tool, not a test: writes {@code GeneratorFirstTable.java}, the generator's first table as the library's own
 * arithmetic computes it, into the source tree. Run it after a change to the field representation or the table's
 * width, with the command in attestation-core's README (Maven's exec:java on the test class path, whose argument is
 * the source root).
 * {@code GeneratorFirstTableTest} fails until the committed file is what this writes.
 */
public final class GeneratorFirstTableSource {
    private static final int VALUES_PER_LINE = 8;

    private GeneratorFirstTableSource() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0], "dev/nitroattest/attestation/internal/crypto/GeneratorFirstTable.java");
        Files.writeString(file, source(ScalarMultiplication.computedGeneratorFirstTable()), StandardCharsets.UTF_8);
    }

    static String source(AffineTable table) {
        StringBuilder out = new StringBuilder();
        out.append("""
                package dev.nitroattest.attestation.internal.crypto;

                /**
                 * The odd multiples G, 3G, ..., 127G of the P-384 generator in affine coordinates, as field limbs
                 * ({@link P384Field}): the table a verification with a key used once adds from
                 * ({@link ScalarMultiplication#generatorFirstTable}). Written by {@code GeneratorFirstTableSource}
                 * (test code); do not edit. Compiled in, so that a short process neither computes it nor reads a
                 * resource for it; {@code GeneratorFirstTableTest} recomputes it.
                 */
                final class GeneratorFirstTable {
                    static final AffineTable TABLE = AffineTable.of(xs(), ys());

                    private GeneratorFirstTable() {
                    }
                """);
        appendArray(out, "xs", "x", table.xs());
        appendArray(out, "ys", "y", table.ys());
        out.append("}\n");
        return out.toString();
    }

    private static void appendArray(StringBuilder out, String name, String coordinate, int[] limbs) {
        out.append("\n    /** The ").append(coordinate).append(" coordinates, 16 limbs each, point after point. */\n");
        out.append("    private static int[] ").append(name).append("() {\n");
        out.append("        return new int[] {\n");
        for (int i = 0; i < limbs.length; i += VALUES_PER_LINE) {
            out.append("           ");
            for (int j = i; j < Math.min(i + VALUES_PER_LINE, limbs.length); j++) {
                out.append(String.format(" 0x%06x", limbs[j])).append(j + 1 < limbs.length ? "," : "");
            }
            out.append('\n');
        }
        out.append("        };\n    }\n");
    }
}
