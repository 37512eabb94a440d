package dev.nitroattest.attestation.internal.crypto;

import java.util.Arrays;

/**
 * Point doubling and mixed addition on P-384 (y^2 = x^3 - 3x + b) in Jacobian coordinates, on the
 * accumulator of a {@link FieldWorkspace}, without allocating, on the field arithmetic of {@link P384Field}. The
 * point formulas are the standard ones for a = -3 (doubling: 3M + 5S, "dbl-2001-b";
 * mixed addition: 8M + 3S, "madd-2004-hmv"; addition of a Jacobian point: 12M + 3S), with the exceptional cases of
 * addition handled explicitly so that every input, including a hostile signature, gives the mathematically correct
 * sum.
 */
final class JacobianArithmetic {
    private JacobianArithmetic() {
    }

    /** R = 2R. */
    static void twice(FieldWorkspace w) {
        if (w.infinity) {
            return;
        }
        int[] delta = w.t1;
        int[] gamma = w.t2;
        int[] beta4 = w.t3;
        int[] alpha = w.t4;
        int[] tmp = w.t5;

        P384Field.square(w.z, delta);
        P384Field.square(w.y, gamma);
        P384Field.multiply(w.x, gamma, beta4);
        P384Field.twice(beta4, beta4);
        P384Field.twice(beta4, beta4);
        // alpha = 3 (x - delta)(x + delta)
        P384Field.subtract(w.x, delta, tmp);
        P384Field.add(w.x, delta, alpha);
        P384Field.multiply(tmp, alpha, alpha);
        P384Field.twice(alpha, tmp);
        P384Field.add(tmp, alpha, alpha);
        // z3 = (y + z)^2 - gamma - delta, before y changes
        P384Field.add(w.y, w.z, tmp);
        P384Field.square(tmp, tmp);
        P384Field.subtract(tmp, gamma, tmp);
        P384Field.subtract(tmp, delta, w.z);
        // x3 = alpha^2 - 8 beta
        P384Field.square(alpha, w.x);
        P384Field.twice(beta4, tmp);
        P384Field.subtract(w.x, tmp, w.x);
        // y3 = alpha (4 beta - x3) - 8 gamma^2
        P384Field.subtract(beta4, w.x, tmp);
        P384Field.multiply(alpha, tmp, tmp);
        P384Field.square(gamma, gamma);
        P384Field.twice(gamma, gamma);
        P384Field.twice(gamma, gamma);
        P384Field.twice(gamma, gamma);
        P384Field.subtract(tmp, gamma, w.y);
    }

    /**
     * R = R + P for the affine point P at {@code index} of {@code table}, or R - P when {@code negate}.
     */
    static void addAffine(FieldWorkspace w, AffineTable table, int index, boolean negate) {
        table.copyPoint(index, w.px, w.py);
        if (negate) {
            P384Field.negate(w.py, w.py);
        }
        addAffine(w);
    }

    /** R = R + (px, py). */
    static void addAffine(FieldWorkspace w) {
        if (w.infinity) {
            setToAffine(w);
            return;
        }
        add(w, false);
    }

    /**
     * R = R + P for the Jacobian point P at {@code index} of {@code table}, or R - P when {@code negate}. The
     * table's points keep their Z (with Z^2 and Z^3), which spares a key used once the inversion that would make
     * them affine, for four multiplications more per addition (12M + 3S, "add-1998-cmo-2" with Z2^2 and Z2^3 cached).
     */
    static void addJacobian(FieldWorkspace w, JacobianTable table, int index, boolean negate) {
        table.copyPoint(index, w);
        if (negate) {
            P384Field.negate(w.py, w.py);
        }
        addJacobian(w);
    }

    /** R = R + (px, py, pz), with pzz = pz^2 and pzzz = pz^3. */
    static void addJacobian(FieldWorkspace w) {
        if (w.infinity) {
            setToJacobianAddend(w);
            return;
        }
        // With (x1 pz^2, y1 pz^3, z1) in place of R, the sum is the mixed addition's, its z times pz.
        P384Field.multiply(w.x, w.pzz, w.x);
        P384Field.multiply(w.y, w.pzzz, w.y);
        add(w, true);
    }

    /**
     * The addition of (px, py, pz) to R, where R's x and y are already scaled by pz^2 and pz^3 ({@code jacobian}) or
     * P is affine (pz = 1): h = px z1^2 - x1 and r = py z1^3 - y1.
     */
    private static void add(FieldWorkspace w, boolean jacobian) {
        int[] h = w.t1;
        int[] r = w.t2;
        P384Field.square(w.z, h);
        P384Field.multiply(h, w.z, r);
        P384Field.multiply(h, w.px, h);
        P384Field.multiply(r, w.py, r);
        P384Field.subtract(h, w.x, h);
        P384Field.subtract(r, w.y, r);
        if (P384Field.isZero(h)) {
            if (P384Field.isZero(r)) {
                // R equals P: the addition formula divides by zero, so double instead.
                if (jacobian) {
                    setToJacobianAddend(w);
                } else {
                    setToAffine(w);
                }
                twice(w);
            } else {
                // R equals -P.
                w.infinity = true;
            }
            return;
        }
        int[] hh = w.t3;
        int[] hhh = w.t4;
        int[] tmp = w.t5;
        P384Field.multiply(w.z, h, w.z);
        if (jacobian) {
            P384Field.multiply(w.z, w.pz, w.z);
        }
        P384Field.square(h, hh);
        P384Field.multiply(hh, h, hhh);
        // v = x1 h^2, kept in hh
        P384Field.multiply(w.x, hh, hh);
        // x3 = r^2 - h^3 - 2v
        P384Field.square(r, w.x);
        P384Field.subtract(w.x, hhh, w.x);
        P384Field.twice(hh, tmp);
        P384Field.subtract(w.x, tmp, w.x);
        // y3 = r (v - x3) - y1 h^3
        P384Field.subtract(hh, w.x, tmp);
        P384Field.multiply(tmp, r, tmp);
        P384Field.multiply(w.y, hhh, hhh);
        P384Field.subtract(tmp, hhh, w.y);
    }

    private static void setToJacobianAddend(FieldWorkspace w) {
        System.arraycopy(w.px, 0, w.x, 0, FieldWorkspace.LIMBS);
        System.arraycopy(w.py, 0, w.y, 0, FieldWorkspace.LIMBS);
        System.arraycopy(w.pz, 0, w.z, 0, FieldWorkspace.LIMBS);
        w.infinity = false;
    }

    private static void setToAffine(FieldWorkspace w) {
        System.arraycopy(w.px, 0, w.x, 0, FieldWorkspace.LIMBS);
        System.arraycopy(w.py, 0, w.y, 0, FieldWorkspace.LIMBS);
        Arrays.fill(w.z, 0);
        w.z[0] = 1;
        w.infinity = false;
    }

    /** Whether R (which must not be infinity) has the affine x coordinate {@code x}: X = x Z^2. */
    static boolean hasAffineX(FieldWorkspace w, int[] x) {
        int[] scaled = w.t1;
        P384Field.square(w.z, scaled);
        P384Field.multiply(scaled, x, scaled);
        return Arrays.equals(scaled, w.x);
    }
}
