package dev.nitroattest.attestation.internal.crypto;

/**
 * Scratch registers for one computation over P-384: field elements as {@link P384Field} holds them (16 limbs of 24
 * bits), always fully reduced. One workspace per verification, never shared between threads; it is what keeps a
 * verification from allocating per point operation.
 */
final class FieldWorkspace {
    static final int LIMBS = P384Field.LIMBS;

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
    /**
     * The point being added, copied out of its table (and negated when needed): affine (px, py), or Jacobian
     * (px, py, pz) with pzz = pz^2 and pzzz = pz^3.
     */
    final int[] px = new int[LIMBS];
    final int[] py = new int[LIMBS];
    final int[] pz = new int[LIMBS];
    final int[] pzz = new int[LIMBS];
    final int[] pzzz = new int[LIMBS];
}
