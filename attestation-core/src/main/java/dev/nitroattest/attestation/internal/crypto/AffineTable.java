package dev.nitroattest.attestation.internal.crypto;

/**
 * The odd multiples P, 3P, 5P, ..., (2^(w-1) - 1)P of a point in affine coordinates: what a width-w
 * windowed non-adjacent form adds. Immutable once built, so tables for long-lived keys are shared by
 * every thread.
 */
final class AffineTable {
    private static final int LIMBS = FieldWorkspace.LIMBS;

    private final int[] xs;
    private final int[] ys;

    private AffineTable(int[] xs, int[] ys) {
        this.xs = xs;
        this.ys = ys;
    }

    /** A table read back from its coordinates (see {@link BuiltTables}). */
    static AffineTable of(int[] xs, int[] ys) {
        return new AffineTable(xs, ys);
    }

    int[] xs() {
        return xs;
    }

    int[] ys() {
        return ys;
    }

    /** The table of width {@code width} (2^(width-2) points) for the affine point (x, y). */
    static AffineTable oddMultiples(int[] x, int[] y, int width) {
        int count = 1 << (width - 2);
        int[] xs = new int[count * LIMBS];
        int[] ys = new int[count * LIMBS];
        System.arraycopy(x, 0, xs, 0, LIMBS);
        System.arraycopy(y, 0, ys, 0, LIMBS);
        if (count == 1) {
            return new AffineTable(xs, ys);
        }
        FieldWorkspace w = new FieldWorkspace();
        // D = 2P, made affine so that each further multiple costs one mixed addition.
        setAccumulator(w, x, y);
        JacobianArithmetic.twice(w);
        int[] dx = new int[LIMBS];
        int[] dy = new int[LIMBS];
        toAffine(w, dx, dy);

        int[] jx = new int[(count - 1) * LIMBS];
        int[] jy = new int[(count - 1) * LIMBS];
        int[] jz = new int[(count - 1) * LIMBS];
        setAccumulator(w, x, y);
        for (int k = 0; k < count - 1; k++) {
            System.arraycopy(dx, 0, w.px, 0, LIMBS);
            System.arraycopy(dy, 0, w.py, 0, LIMBS);
            JacobianArithmetic.addAffine(w);
            System.arraycopy(w.x, 0, jx, k * LIMBS, LIMBS);
            System.arraycopy(w.y, 0, jy, k * LIMBS, LIMBS);
            System.arraycopy(w.z, 0, jz, k * LIMBS, LIMBS);
        }
        normalizeAll(jx, jy, jz, count - 1, xs, ys, LIMBS);
        return new AffineTable(xs, ys);
    }

    /** 2^doublings times the affine point (x, y), written back as affine coordinates to (outX, outY). */
    static void multiplyByPowerOfTwo(int[] x, int[] y, int doublings, int[] outX, int[] outY) {
        FieldWorkspace w = new FieldWorkspace();
        setAccumulator(w, x, y);
        for (int i = 0; i < doublings; i++) {
            JacobianArithmetic.twice(w);
        }
        toAffine(w, outX, outY);
    }

    void copyPoint(int index, int[] x, int[] y) {
        System.arraycopy(xs, index * LIMBS, x, 0, LIMBS);
        System.arraycopy(ys, index * LIMBS, y, 0, LIMBS);
    }

    private static void setAccumulator(FieldWorkspace w, int[] x, int[] y) {
        System.arraycopy(x, 0, w.px, 0, LIMBS);
        System.arraycopy(y, 0, w.py, 0, LIMBS);
        w.infinity = true;
        JacobianArithmetic.addAffine(w);
    }

    private static void toAffine(FieldWorkspace w, int[] outX, int[] outY) {
        if (w.infinity) {
            throw new IllegalStateException("a multiple of a point of prime order n below n is never infinity");
        }
        int[] zInverse = new int[LIMBS];
        int[] scratch = new int[LIMBS];
        P384Field.invert(w.z, zInverse);
        P384Field.square(zInverse, scratch);
        P384Field.multiply(w.x, scratch, outX);
        P384Field.multiply(scratch, zInverse, scratch);
        P384Field.multiply(w.y, scratch, outY);
    }

    /**
     * Converts {@code count} Jacobian points to affine ones with a single field inversion (Montgomery's
     * trick), writing them into (xs, ys) from {@code offset}.
     */
    private static void normalizeAll(int[] jx, int[] jy, int[] jz, int count, int[] xs, int[] ys, int offset) {
        int[] prefix = new int[count * LIMBS];
        System.arraycopy(jz, 0, prefix, 0, LIMBS);
        int[] a = new int[LIMBS];
        int[] b = new int[LIMBS];
        for (int k = 1; k < count; k++) {
            System.arraycopy(prefix, (k - 1) * LIMBS, a, 0, LIMBS);
            System.arraycopy(jz, k * LIMBS, b, 0, LIMBS);
            P384Field.multiply(a, b, a);
            System.arraycopy(a, 0, prefix, k * LIMBS, LIMBS);
        }
        int[] inverse = new int[LIMBS];
        System.arraycopy(prefix, (count - 1) * LIMBS, a, 0, LIMBS);
        P384Field.invert(a, inverse);
        int[] zInverse = new int[LIMBS];
        int[] z2 = new int[LIMBS];
        int[] coordinate = new int[LIMBS];
        for (int k = count - 1; k >= 0; k--) {
            if (k > 0) {
                System.arraycopy(prefix, (k - 1) * LIMBS, a, 0, LIMBS);
                P384Field.multiply(inverse, a, zInverse);
                System.arraycopy(jz, k * LIMBS, b, 0, LIMBS);
                P384Field.multiply(inverse, b, inverse);
            } else {
                System.arraycopy(inverse, 0, zInverse, 0, LIMBS);
            }
            P384Field.square(zInverse, z2);
            System.arraycopy(jx, k * LIMBS, coordinate, 0, LIMBS);
            P384Field.multiply(coordinate, z2, coordinate);
            System.arraycopy(coordinate, 0, xs, offset + k * LIMBS, LIMBS);
            P384Field.multiply(z2, zInverse, z2);
            System.arraycopy(jy, k * LIMBS, coordinate, 0, LIMBS);
            P384Field.multiply(coordinate, z2, coordinate);
            System.arraycopy(coordinate, 0, ys, offset + k * LIMBS, LIMBS);
        }
    }
}
