package dev.nitroattest.attestation.internal.crypto;

import org.bouncycastle.math.ec.custom.sec.SecP384R1Field;
import org.bouncycastle.math.raw.Nat;
import org.bouncycastle.math.raw.Nat192;

/**
 * Multiplication and squaring modulo the P-384 prime into the buffers of a {@link FieldWorkspace}. Bouncy
 * Castle's SecP384R1Field.multiply allocates its Karatsuba temporaries on every call, about 250 KB per
 * verification; here the 768-bit product is assembled from its allocation-free 192-bit products (one level
 * of Karatsuba: three products; a square: two squares and one product) and reduced with its P-384
 * reduction.
 */
final class P384Field {
    private static final int HALF = 6;
    private static final int LIMBS = 12;
    private static final int WIDE = 24;

    private P384Field() {
    }

    /**
     * z = x y mod p; z may be x or y. With x = x1 B + x0 and B = 2^192,
     * x y = x1 y1 B^2 + (x0 y0 + x1 y1 - (x1 - x0)(y1 - y0)) B + x0 y0.
     */
    static void multiply(int[] x, int[] y, int[] z, FieldWorkspace w) {
        int[] wide = w.wide;
        Nat192.mul(x, 0, y, 0, wide, 0);
        Nat192.mul(x, HALF, y, HALF, wide, LIMBS);
        boolean xRises = Nat192.diff(x, HALF, x, 0, w.halfX, 0);
        boolean yRises = Nat192.diff(y, HALF, y, 0, w.halfY, 0);
        Nat192.mul(w.halfX, 0, w.halfY, 0, w.cross, 0);

        System.arraycopy(wide, 0, w.sum, 0, LIMBS);
        int carry = Nat.addTo(LIMBS, wide, LIMBS, w.sum, 0);
        carry += Nat.addTo(LIMBS, w.sum, 0, wide, HALF);
        if (xRises == yRises) {
            carry += Nat.subFrom(LIMBS, w.cross, 0, wide, HALF);
        } else {
            carry += Nat.addTo(LIMBS, w.cross, 0, wide, HALF);
        }
        propagate(carry, wide);
        SecP384R1Field.reduce(wide, z);
    }

    /** z = x^2 mod p; z may be x. */
    static void square(int[] x, int[] z, FieldWorkspace w) {
        int[] wide = w.wide;
        Nat192.square(x, 0, wide, 0);
        Nat192.square(x, HALF, wide, LIMBS);
        Nat192.mul(x, 0, x, HALF, w.cross, 0);
        int carry = Nat.addTo(LIMBS, w.cross, 0, wide, HALF);
        carry += Nat.addTo(LIMBS, w.cross, 0, wide, HALF);
        propagate(carry, wide);
        SecP384R1Field.reduce(wide, z);
    }

    /** Adds the signed carry out of the middle third into the top third; the product itself is never negative. */
    private static void propagate(int carry, int[] wide) {
        if (carry > 0) {
            Nat.addWordAt(WIDE, carry, wide, HALF + LIMBS);
        } else if (carry < 0) {
            Nat.decAt(WIDE, wide, HALF + LIMBS);
        }
    }
}
