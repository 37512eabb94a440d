package dev.nitroattest.attestation.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.TrustAnchor;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.Certificate;
import org.junit.jupiter.api.Test;

/**
 * The tables the build wrote into the module's classes are the ones the library computes, for the points they claim
 * to be for; the AWS root's key uses them from its first verification; a file for another point, width or size is
 * not used.
 */
class BuiltTablesTest {
    private static final byte[] G = P384.generatorEncoded();

    @Test
    void theGeneratorsFileHoldsTheTablesTheLibraryComputes() throws IOException {
        assertArrayEquals(BuiltTables.format(G, ScalarMultiplication.generatorWidth(),
                ScalarMultiplication.computedGeneratorTables()), builtFile(BuiltTables.GENERATOR_FILE));
    }

    @Test
    void theGeneratorTableOfKeysUsedOnceIsTheFirstOfTheBuiltTables() throws IOException {
        AffineTable[] built = BuiltTables.parse(builtFile(BuiltTables.GENERATOR_FILE), G,
                ScalarMultiplication.generatorWidth(), new int[][] {P384.GX, P384.GY});
        assertNotNull(built);
        AffineTable computed = ScalarMultiplication.generatorFirstTable();
        assertArrayEquals(built[0].xs(), computed.xs());
        assertArrayEquals(built[0].ys(), computed.ys());
    }

    @Test
    void theAwsRootKeysFileHoldsTheTablesTheLibraryComputes() throws IOException {
        byte[] expected = BuiltTables.format(BuiltTables.AWS_ROOT_G1_KEY, ScalarMultiplication.REUSED_KEY_WIDTH,
                P384PublicKey.fromEncodedPoint(BuiltTables.AWS_ROOT_G1_KEY).computedSplitTables());
        assertArrayEquals(expected, builtFile(BuiltTables.AWS_ROOT_G1_KEY_FILE));
    }

    @Test
    void thePinnedKeyIsTheKeyOfTheEmbeddedAwsRoot() throws IOException {
        byte[] der = TrustAnchor.awsNitroEnclavesRootG1().certificate().der().toByteArray();
        byte[] key = Certificate.getInstance(ASN1Primitive.fromByteArray(der)).getSubjectPublicKeyInfo()
                .getPublicKeyData().getOctets();
        assertArrayEquals(key, BuiltTables.AWS_ROOT_G1_KEY);
    }

    @Test
    void theAwsRootsKeyHasItsTablesFromTheFirstUseAndOtherKeysDoNot() {
        assertTrue(P384PublicKey.fromEncodedPoint(BuiltTables.AWS_ROOT_G1_KEY).hasSplitTables());
        assertFalse(P384PublicKey.fromEncodedPoint(G).hasSplitTables());
    }

    @Test
    void aFileForAnotherPointWidthOrSizeIsNotUsed() throws IOException {
        byte[] file = builtFile(BuiltTables.GENERATOR_FILE);
        int width = ScalarMultiplication.generatorWidth();
        int[][] affine = new int[][] {P384.GX, P384.GY};
        assertNotNull(BuiltTables.parse(file, G, width, affine));

        assertNull(BuiltTables.parse(file, BuiltTables.AWS_ROOT_G1_KEY, width, affine), "another point");
        assertNull(BuiltTables.parse(file, G, width - 1, affine), "another width");
        assertNull(BuiltTables.parse(Arrays.copyOf(file, file.length - 4), G, width, affine), "truncated");
        assertNull(BuiltTables.parse(Arrays.copyOf(file, file.length + 4), G, width, affine), "longer");
        byte[] shifted = file.clone();
        int firstLimb = 4 * Integer.BYTES + G.length;
        shifted[firstLimb + 3] ^= 1;
        assertNull(BuiltTables.parse(shifted, G, width, affine), "a first entry that is not the point");
        byte[] magic = file.clone();
        magic[0] ^= 1;
        assertNull(BuiltTables.parse(magic, G, width, affine), "another magic");
    }

    private static byte[] builtFile(String name) throws IOException {
        try (InputStream in = BuiltTables.class.getResourceAsStream(name)) {
            assertNotNull(in, name + " is missing: the build's built-tables step writes it into the classes");
            return in.readAllBytes();
        }
    }
}
