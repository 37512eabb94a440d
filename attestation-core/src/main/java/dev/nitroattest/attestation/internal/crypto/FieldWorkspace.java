package dev.nitroattest.attestation.internal.crypto;

/**
 * Scratch registers for one computation over P-384: field elements are 12 little-endian 32-bit limbs, as
 * Bouncy Castle's SecP384R1Field expects, always fully reduced. One workspace per verification, never shared
 * between threads; it is what keeps a verification from allocating per point operation.
 */
final class FieldWorkspace {
    static final int LIMBS = 12;

    /** The accumulator point R = (x, y, z) in Jacobian coordinates, and whether it is the point at infinity. */
    final int[] x = new int[LIMBS];
    final int[] y = new int[LIMBS];
    final int[] z = new int[LIMBS];
    boolean infinity = true;

    final int[] t1 = new int[LIMBS];
    final int[] t2 = new int[LIMBS];
    final int[] t3 = new int[LIMBS];
    final int[] t4 = new int[LIMBS];
    final int[] t5 = new int[LIMBS];
    /** The affine point being added, copied out of its table (and negated when needed). */
    final int[] px = new int[LIMBS];
    final int[] py = new int[LIMBS];
    /** Double-width product buffer for multiplications and squarings. */
    final int[] wide = new int[2 * LIMBS];
    /** Karatsuba scratch: the halves' differences, their product, and a sum of two products. */
    final int[] halfX = new int[LIMBS / 2];
    final int[] halfY = new int[LIMBS / 2];
    final int[] cross = new int[LIMBS];
    final int[] sum = new int[LIMBS];
}
