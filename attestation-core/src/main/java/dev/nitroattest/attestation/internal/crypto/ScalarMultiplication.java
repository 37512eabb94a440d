package dev.nitroattest.attestation.internal.crypto;

import java.math.BigInteger;

/**
 * Computes u1 G + u2 Q for ECDSA verification by interleaving the wNAF digits of both scalars over one
 * chain of doublings (Straus' method). For a key met for the first time: one 385-step chain with a small
 * table for Q, left in Jacobian coordinates ({@link JacobianTable}). For a key in regular use: both scalars split
 * into eight 48-bit parts against tables of 2^(48 j) G and 2^(48 j) Q, which cuts the chain to 49 doublings while
 * the number of additions stays that of the window widths. The generator's split tables (about 64 KB) are made by
 * the build ({@link BuiltTables}); the first of them, all a key used once needs, is compiled in
 * ({@link GeneratorFirstTable}).
 */
final class ScalarMultiplication {
    static final int SPLIT_PARTS = 8;
    static final int SPLIT_BITS = 48;
    /** Digits are bytes, so no width above 8. */
    private static final int GENERATOR_WIDTH = 8;
    static final int FIRST_USE_KEY_WIDTH = 5;
    static final int REUSED_KEY_WIDTH = 6;
    private static final int SCALAR_LIMBS = 12;
    /** A wNAF can be one digit longer than its scalar. */
    private static final int FULL_DIGITS = 386;
    private static final int SPLIT_DIGITS = SPLIT_BITS + 2;

    private ScalarMultiplication() {
    }

    /** Tables for 2^(48 j) G, j = 0..7: those the build made, or else made on first use of the class. */
    private static final class Generator {
        static final AffineTable[] SPLIT = tables();

        private static AffineTable[] tables() {
            AffineTable[] built = BuiltTables.read(BuiltTables.GENERATOR_FILE, P384.generatorEncoded(),
                    GENERATOR_WIDTH, new int[][] {P384.GX, P384.GY});
            return built != null ? built : computedGeneratorTables();
        }
    }

    /**
     * The first of the generator's tables, all a verification with a key used once needs: compiled into the class
     * {@link GeneratorFirstTable}, because computing it (64 additions and an inversion on cold code) cost the first
     * verification of a short process several milliseconds, and reading it from the jar would be the first resource
     * such a process reads, which costs more (docs/performance.md, CLI start-up). Equal to {@code Generator.SPLIT[0]}.
     */
    static AffineTable generatorFirstTable() {
        return GeneratorFirstTable.TABLE;
    }

    /** The generator's first table, computed: what {@link GeneratorFirstTable} holds. */
    static AffineTable computedGeneratorFirstTable() {
        return AffineTable.oddMultiples(P384.GX, P384.GY, GENERATOR_WIDTH);
    }

    /** The generator's tables, computed: what the build writes, and what a jar without them computes. */
    static AffineTable[] computedGeneratorTables() {
        return splitTables(new int[][] {P384.GX, P384.GY}, GENERATOR_WIDTH);
    }

    static int generatorWidth() {
        return GENERATOR_WIDTH;
    }

    /**
     * u1 G + u2 Q, leaving the result in the workspace's accumulator.
     *
     * @param keySplitTables the key's split tables, or null for a key used once, with {@code keyAffine} = {x, y}
     */
    static void sumOfProducts(FieldWorkspace w, BigInteger u1, BigInteger u2, int[][] keyAffine,
            AffineTable[] keySplitTables) {
        int[] a = scalarLimbs(u1);
        int[] b = scalarLimbs(u2);
        w.infinity = true;
        if (keySplitTables != null) {
            splitProducts(w, a, b, keySplitTables);
        } else {
            fullProducts(w, a, b, JacobianTable.oddMultiples(keyAffine[0], keyAffine[1], FIRST_USE_KEY_WIDTH));
        }
    }

    private static void fullProducts(FieldWorkspace w, int[] a, int[] b, JacobianTable keyTable) {
        byte[] digitsA = new byte[FULL_DIGITS];
        byte[] digitsB = new byte[FULL_DIGITS];
        int length = Math.max(Wnaf.recode(a, 0, SCALAR_LIMBS, GENERATOR_WIDTH, digitsA),
                Wnaf.recode(b, 0, SCALAR_LIMBS, FIRST_USE_KEY_WIDTH, digitsB));
        AffineTable generator = GeneratorFirstTable.TABLE;
        for (int i = length - 1; i >= 0; i--) {
            JacobianArithmetic.twice(w);
            add(w, generator, digitsA[i]);
            int digit = digitsB[i];
            if (digit > 0) {
                JacobianArithmetic.addJacobian(w, keyTable, (digit - 1) >>> 1, false);
            } else if (digit < 0) {
                JacobianArithmetic.addJacobian(w, keyTable, (-digit - 1) >>> 1, true);
            }
        }
    }

    private static void splitProducts(FieldWorkspace w, int[] a, int[] b, AffineTable[] keyTables) {
        byte[][] digitsA = new byte[SPLIT_PARTS][SPLIT_DIGITS];
        byte[][] digitsB = new byte[SPLIT_PARTS][SPLIT_DIGITS];
        int length = 0;
        for (int part = 0; part < SPLIT_PARTS; part++) {
            length = Math.max(length, Wnaf.recode(part48(a, part), GENERATOR_WIDTH, digitsA[part]));
            length = Math.max(length, Wnaf.recode(part48(b, part), REUSED_KEY_WIDTH, digitsB[part]));
        }
        for (int i = length - 1; i >= 0; i--) {
            JacobianArithmetic.twice(w);
            for (int part = 0; part < SPLIT_PARTS; part++) {
                add(w, Generator.SPLIT[part], digitsA[part][i]);
                add(w, keyTables[part], digitsB[part][i]);
            }
        }
    }

    /** Bits 48 part to 48 part + 47 of a 12-limb scalar; parts start at multiples of 16 bits. */
    static long part48(int[] scalar, int part) {
        long value = 0;
        for (int piece = 0; piece < 3; piece++) {
            int bit = part * SPLIT_BITS + piece * 16;
            long bits = (scalar[bit >>> 5] >>> (bit & 31)) & 0xffffL;
            value |= bits << (piece * 16);
        }
        return value;
    }

    private static void add(FieldWorkspace w, AffineTable table, int digit) {
        if (digit > 0) {
            JacobianArithmetic.addAffine(w, table, (digit - 1) >>> 1, false);
        } else if (digit < 0) {
            JacobianArithmetic.addAffine(w, table, (-digit - 1) >>> 1, true);
        }
    }

    /** Tables of the given width for P, 2^48 P, ..., 2^336 P. */
    static AffineTable[] splitTables(int[][] affine, int width) {
        AffineTable[] tables = new AffineTable[SPLIT_PARTS];
        int[] x = affine[0].clone();
        int[] y = affine[1].clone();
        for (int part = 0; part < SPLIT_PARTS; part++) {
            tables[part] = AffineTable.oddMultiples(x, y, width);
            if (part + 1 < SPLIT_PARTS) {
                AffineTable.multiplyByPowerOfTwo(x, y, SPLIT_BITS, x, y);
            }
        }
        return tables;
    }

    /** A scalar in [0, 2^384) as 12 little-endian 32-bit limbs, the form {@link Wnaf} recodes. */
    static int[] scalarLimbs(BigInteger scalar) {
        byte[] raw = scalar.toByteArray();
        int[] limbs = new int[SCALAR_LIMBS];
        // raw is big-endian, possibly with a leading sign byte beyond the 48 that can matter.
        for (int i = 0; i < Math.min(raw.length, 4 * SCALAR_LIMBS); i++) {
            limbs[i >>> 2] |= (raw[raw.length - 1 - i] & 0xff) << ((i & 3) << 3);
        }
        return limbs;
    }
}
