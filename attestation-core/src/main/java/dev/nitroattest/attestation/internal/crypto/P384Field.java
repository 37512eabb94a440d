package dev.nitroattest.attestation.internal.crypto;

import org.bouncycastle.math.ec.custom.sec.SecP384R1Field;
import org.bouncycastle.math.raw.Nat;
import org.bouncycastle.math.raw.Nat192;

/**
 * Multiplication and squaring modulo the P-384 prime into caller-provided buffers. Bouncy Castle's
 * SecP384R1Field.multiply allocates Karatsuba temporaries on every call, about 250 KB per verification;
 * here the 768-bit product is assembled from its allocation-free 192-bit products (four for a product, three
 * for a square) and reduced with its P-384 reduction.
 */
final class P384Field {
    private static final int HALF = 6;
    private static final int LIMBS = 12;
    private static final int WIDE = 24;

    private P384Field() {
    }

    /** z = x y mod p; {@code wide} is a 24-limb scratch buffer; z may be x or y. */
    static void multiply(int[] x, int[] y, int[] z, int[] wide) {
        Nat192.mul(x, 0, y, 0, wide, 0);
        Nat192.mul(x, HALF, y, HALF, wide, LIMBS);
        int carry = Nat192.mulAddTo(x, 0, y, HALF, wide, HALF);
        carry += Nat192.mulAddTo(x, HALF, y, 0, wide, HALF);
        Nat.addWordAt(WIDE, carry, wide, HALF + LIMBS);
        SecP384R1Field.reduce(wide, z);
    }

    /** z = x^2 mod p; {@code wide} is a 24-limb and {@code cross} a 12-limb scratch buffer; z may be x. */
    static void square(int[] x, int[] z, int[] wide, int[] cross) {
        Nat192.square(x, 0, wide, 0);
        Nat192.square(x, HALF, wide, LIMBS);
        Nat192.mul(x, 0, x, HALF, cross, 0);
        int carry = Nat.addTo(LIMBS, cross, 0, wide, HALF, 0);
        carry += Nat.addTo(LIMBS, cross, 0, wide, HALF, 0);
        Nat.addWordAt(WIDE, carry, wide, HALF + LIMBS);
        SecP384R1Field.reduce(wide, z);
    }
}
