package dev.nitroattest.attestation.internal.crypto;

import java.util.Arrays;

/**
 * The odd multiples P, 3P, ..., (2^(w-1) - 1)P of a point in Jacobian coordinates, each with Z^2 and Z^3: the table
 * of a key used once, for one verification. Making the points affine would take an inversion (about 385 squarings),
 * more than the four extra multiplications per addition that Jacobian addends cost over the verification's
 * additions of the key, and in a short process that inversion runs interpreted (docs/performance.md, CLI start-up).
 */
final class JacobianTable {
    private static final int LIMBS = FieldWorkspace.LIMBS;

    private final int[] xs;
    private final int[] ys;
    private final int[] zs;
    private final int[] zzs;
    private final int[] zzzs;

    private JacobianTable(int count) {
        xs = new int[count * LIMBS];
        ys = new int[count * LIMBS];
        zs = new int[count * LIMBS];
        zzs = new int[count * LIMBS];
        zzzs = new int[count * LIMBS];
    }

    /** The table of width {@code width} (2^(width-2) points) for the affine point (x, y). */
    static JacobianTable oddMultiples(int[] x, int[] y, int width) {
        int count = 1 << (width - 2);
        JacobianTable table = new JacobianTable(count);
        FieldWorkspace w = new FieldWorkspace();
        System.arraycopy(x, 0, w.px, 0, LIMBS);
        System.arraycopy(y, 0, w.py, 0, LIMBS);
        w.infinity = true;
        JacobianArithmetic.addAffine(w);
        table.store(0, w);
        if (count == 1) {
            return table;
        }
        JacobianArithmetic.twice(w);
        // D = 2P becomes the addend (additions only read it); R = P again, then R + D is 3P, 5P, ...
        System.arraycopy(w.x, 0, w.px, 0, LIMBS);
        System.arraycopy(w.y, 0, w.py, 0, LIMBS);
        System.arraycopy(w.z, 0, w.pz, 0, LIMBS);
        P384Field.square(w.pz, w.pzz);
        P384Field.multiply(w.pzz, w.pz, w.pzzz);
        System.arraycopy(x, 0, w.x, 0, LIMBS);
        System.arraycopy(y, 0, w.y, 0, LIMBS);
        Arrays.fill(w.z, 0);
        w.z[0] = 1;
        for (int k = 1; k < count; k++) {
            JacobianArithmetic.addJacobian(w);
            table.store(k, w);
        }
        return table;
    }

    /** Stores the accumulator R (never infinity: a multiple below n of a point of order n) at {@code index}. */
    private void store(int index, FieldWorkspace w) {
        if (w.infinity) {
            throw new IllegalStateException("a multiple of a point of prime order n below n is never infinity");
        }
        int offset = index * LIMBS;
        System.arraycopy(w.x, 0, xs, offset, LIMBS);
        System.arraycopy(w.y, 0, ys, offset, LIMBS);
        System.arraycopy(w.z, 0, zs, offset, LIMBS);
        int[] zz = w.t1;
        P384Field.square(w.z, zz);
        System.arraycopy(zz, 0, zzs, offset, LIMBS);
        P384Field.multiply(zz, w.z, zz);
        System.arraycopy(zz, 0, zzzs, offset, LIMBS);
    }

    /** Copies the point at {@code index} into the workspace's addend registers. */
    void copyPoint(int index, FieldWorkspace w) {
        int offset = index * LIMBS;
        System.arraycopy(xs, offset, w.px, 0, LIMBS);
        System.arraycopy(ys, offset, w.py, 0, LIMBS);
        System.arraycopy(zs, offset, w.pz, 0, LIMBS);
        System.arraycopy(zzs, offset, w.pzz, 0, LIMBS);
        System.arraycopy(zzzs, offset, w.pzzz, 0, LIMBS);
    }
}
