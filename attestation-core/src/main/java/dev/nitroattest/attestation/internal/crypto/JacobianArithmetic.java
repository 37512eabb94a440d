package dev.nitroattest.attestation.internal.crypto;

import org.bouncycastle.math.ec.custom.sec.SecP384R1Field;
import org.bouncycastle.math.raw.Nat;

/**
 * Point doubling and mixed addition on P-384 (y^2 = x^3 - 3x + b) in Jacobian coordinates, on the
 * accumulator of a {@link FieldWorkspace}, without allocating. Field arithmetic is Bouncy Castle's
 * SecP384R1Field (products through {@link P384Field}); the point formulas are the standard ones for a = -3 (doubling: 3M + 5S, "dbl-2001-b";
 * mixed addition: 8M + 3S, "madd-2004-hmv"), with the exceptional cases of addition handled explicitly so
 * that every input, including a hostile signature, gives the mathematically correct sum.
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

        P384Field.square(w.z, delta, w);
        P384Field.square(w.y, gamma, w);
        P384Field.multiply(w.x, gamma, beta4, w);
        SecP384R1Field.twice(beta4, beta4);
        SecP384R1Field.twice(beta4, beta4);
        // alpha = 3 (x - delta)(x + delta)
        SecP384R1Field.subtract(w.x, delta, tmp);
        SecP384R1Field.add(w.x, delta, alpha);
        P384Field.multiply(tmp, alpha, alpha, w);
        SecP384R1Field.twice(alpha, tmp);
        SecP384R1Field.add(tmp, alpha, alpha);
        // z3 = (y + z)^2 - gamma - delta, before y changes
        SecP384R1Field.add(w.y, w.z, tmp);
        P384Field.square(tmp, tmp, w);
        SecP384R1Field.subtract(tmp, gamma, tmp);
        SecP384R1Field.subtract(tmp, delta, w.z);
        // x3 = alpha^2 - 8 beta
        P384Field.square(alpha, w.x, w);
        SecP384R1Field.twice(beta4, tmp);
        SecP384R1Field.subtract(w.x, tmp, w.x);
        // y3 = alpha (4 beta - x3) - 8 gamma^2
        SecP384R1Field.subtract(beta4, w.x, tmp);
        P384Field.multiply(alpha, tmp, tmp, w);
        P384Field.square(gamma, gamma, w);
        SecP384R1Field.twice(gamma, gamma);
        SecP384R1Field.twice(gamma, gamma);
        SecP384R1Field.twice(gamma, gamma);
        SecP384R1Field.subtract(tmp, gamma, w.y);
    }

    /**
     * R = R + P for the affine point P at {@code index} of {@code table}, or R - P when {@code negate}.
     */
    static void addAffine(FieldWorkspace w, AffineTable table, int index, boolean negate) {
        table.copyPoint(index, w.px, w.py);
        if (negate) {
            SecP384R1Field.negate(w.py, w.py);
        }
        addAffine(w);
    }

    /** R = R + (px, py). */
    static void addAffine(FieldWorkspace w) {
        if (w.infinity) {
            setToAffine(w);
            return;
        }
        int[] h = w.t1;
        int[] r = w.t2;
        P384Field.square(w.z, h, w);
        P384Field.multiply(h, w.z, r, w);
        P384Field.multiply(h, w.px, h, w);
        P384Field.multiply(r, w.py, r, w);
        SecP384R1Field.subtract(h, w.x, h);
        SecP384R1Field.subtract(r, w.y, r);
        if (Nat.isZero(FieldWorkspace.LIMBS, h)) {
            if (Nat.isZero(FieldWorkspace.LIMBS, r)) {
                // R equals P: the addition formula divides by zero, so double instead.
                setToAffine(w);
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
        P384Field.multiply(w.z, h, w.z, w);
        P384Field.square(h, hh, w);
        P384Field.multiply(hh, h, hhh, w);
        // v = x1 h^2, kept in hh
        P384Field.multiply(w.x, hh, hh, w);
        // x3 = r^2 - h^3 - 2v
        P384Field.square(r, w.x, w);
        SecP384R1Field.subtract(w.x, hhh, w.x);
        SecP384R1Field.twice(hh, tmp);
        SecP384R1Field.subtract(w.x, tmp, w.x);
        // y3 = r (v - x3) - y1 h^3
        SecP384R1Field.subtract(hh, w.x, tmp);
        P384Field.multiply(tmp, r, tmp, w);
        P384Field.multiply(w.y, hhh, hhh, w);
        SecP384R1Field.subtract(tmp, hhh, w.y);
    }

    private static void setToAffine(FieldWorkspace w) {
        System.arraycopy(w.px, 0, w.x, 0, FieldWorkspace.LIMBS);
        System.arraycopy(w.py, 0, w.y, 0, FieldWorkspace.LIMBS);
        Nat.zero(FieldWorkspace.LIMBS, w.z);
        w.z[0] = 1;
        w.infinity = false;
    }

    /** Writes the affine x coordinate of R (which must not be infinity) to {@code out}. */
    static void affineX(FieldWorkspace w, int[] out) {
        int[] zInverse = w.t1;
        SecP384R1Field.inv(w.z, zInverse);
        P384Field.square(zInverse, zInverse, w);
        P384Field.multiply(w.x, zInverse, out, w);
    }
}
