package dev.nitroattest.attestation.internal.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Split tables computed when the library was built and carried in its jar, for the two points a process verifies
 * with from its first signature on: the generator G and the key of the AWS Nitro Enclaves Root G1. Both are constants;
 * computing their tables costs a process about two cold verifications before its first result (a run of the
 * {@code nitro-attest} tool, docs/performance.md), reading them is a copy.
 *
 * <p>A file that is missing or not the one expected (a build with {@code -Dmaven.test.skip=true} skips the step that
 * writes them) leaves the tables to be computed at run time, as they were before: the same tables, later.
 *
 * <p>The format: the magic {@code P384}, the window width, the number of tables, the length and bytes of the point's
 * uncompressed encoding, then each table's x and y coordinates as big-endian 32-bit limbs.
 */
final class BuiltTables {
    static final String GENERATOR_FILE = "p384-generator.tables";
    static final String AWS_ROOT_G1_KEY_FILE = "aws-nitro-enclaves-root-g1-key.tables";
    /** The public key of the AWS Nitro Enclaves Root G1 (checked against the embedded certificate by a test). */
    static final byte[] AWS_ROOT_G1_KEY = HexFormat.of().parseHex(
            "04fc0254eba608c1f36870e29ada90be46383292736e894bfff672d989444b5051e534a4b1f6dbe3c0bc581a32b7b176070ede"
            + "12d69a3fea211b66e752cf7dd1dd095f6f1370f4170843d9dc100121e4cf63012809664487c9796284304dc53ff4");
    private static final int MAGIC = 0x50333834;

    private BuiltTables() {
    }

    /**
     * The split tables of width {@code width} for the point whose encoding and affine coordinates are given, from the
     * file the build wrote, or null when it is missing or holds another point, width or size.
     */
    static AffineTable[] read(String file, byte[] encodedPoint, int width, int[][] affine) {
        byte[] content;
        try (InputStream in = BuiltTables.class.getResourceAsStream(file)) {
            if (in == null) {
                return null;
            }
            content = in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
        return parse(content, encodedPoint, width, affine);
    }

    static AffineTable[] parse(byte[] content, byte[] encodedPoint, int width, int[][] affine) {
        int limbsPerTable = (1 << (width - 2)) * FieldWorkspace.LIMBS;
        int header = 4 * Integer.BYTES + encodedPoint.length;
        int expected = header + ScalarMultiplication.SPLIT_PARTS * 2 * limbsPerTable * Integer.BYTES;
        if (content.length != expected) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(content);
        if (buffer.getInt() != MAGIC || buffer.getInt() != width || buffer.getInt() != ScalarMultiplication.SPLIT_PARTS
                || buffer.getInt() != encodedPoint.length) {
            return null;
        }
        byte[] point = new byte[encodedPoint.length];
        buffer.get(point);
        if (!Arrays.equals(point, encodedPoint)) {
            return null;
        }
        IntBuffer limbs = buffer.asIntBuffer();
        AffineTable[] tables = new AffineTable[ScalarMultiplication.SPLIT_PARTS];
        for (int part = 0; part < tables.length; part++) {
            int[] xs = new int[limbsPerTable];
            int[] ys = new int[limbsPerTable];
            limbs.get(xs);
            limbs.get(ys);
            tables[part] = AffineTable.of(xs, ys);
        }
        // The first entry is the point itself: a cheap check that the limbs are read as they were written.
        int[] x = new int[FieldWorkspace.LIMBS];
        int[] y = new int[FieldWorkspace.LIMBS];
        tables[0].copyPoint(0, x, y);
        return Arrays.equals(x, affine[0]) && Arrays.equals(y, affine[1]) ? tables : null;
    }

    /** The file's content for these tables: what the build writes. */
    static byte[] format(byte[] encodedPoint, int width, AffineTable[] tables) {
        int limbsPerTable = (1 << (width - 2)) * FieldWorkspace.LIMBS;
        ByteBuffer buffer = ByteBuffer.allocate(4 * Integer.BYTES + encodedPoint.length
                + tables.length * 2 * limbsPerTable * Integer.BYTES);
        buffer.putInt(MAGIC).putInt(width).putInt(tables.length).putInt(encodedPoint.length).put(encodedPoint);
        for (AffineTable table : tables) {
            for (int limb : table.xs()) {
                buffer.putInt(limb);
            }
            for (int limb : table.ys()) {
                buffer.putInt(limb);
            }
        }
        return buffer.array();
    }
}
