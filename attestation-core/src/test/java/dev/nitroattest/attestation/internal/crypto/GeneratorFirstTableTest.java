package dev.nitroattest.attestation.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * The generator's first table compiled into {@link GeneratorFirstTable} is the one the library computes, point for
 * point Bouncy Castle's odd multiples of G, and its source is what {@link GeneratorFirstTableSource} writes.
 */
class GeneratorFirstTableTest {
    @Test
    void holdsTheTableTheLibraryComputes() {
        AffineTable computed = ScalarMultiplication.computedGeneratorFirstTable();
        assertArrayEquals(computed.xs(), GeneratorFirstTable.TABLE.xs());
        assertArrayEquals(computed.ys(), GeneratorFirstTable.TABLE.ys());
        assertEquals(64 * P384Field.LIMBS, GeneratorFirstTable.TABLE.xs().length);
    }

    @Test
    void holdsTheOddMultiplesOfTheGenerator() {
        int[] x = new int[P384Field.LIMBS];
        int[] y = new int[P384Field.LIMBS];
        for (int index = 0; index < 64; index++) {
            ECPoint expected = BcP384.G.multiply(BigInteger.valueOf(2L * index + 1));
            GeneratorFirstTable.TABLE.copyPoint(index, x, y);
            int[][] affine = BcP384.affine(expected);
            assertArrayEquals(affine[0], x, "x of " + (2 * index + 1) + "G");
            assertArrayEquals(affine[1], y, "y of " + (2 * index + 1) + "G");
        }
    }

    @Test
    void theSourceIsWhatTheToolWrites() throws IOException {
        Path source = Path.of("src/main/java/dev/nitroattest/attestation/internal/crypto/GeneratorFirstTable.java");
        assertEquals(GeneratorFirstTableSource.source(ScalarMultiplication.computedGeneratorFirstTable()),
                Files.readString(source, StandardCharsets.UTF_8),
                "regenerate it with GeneratorFirstTableSource (see its comment)");
    }
}
