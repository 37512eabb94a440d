package dev.nitroattest.attestation.internal.crypto;

import java.math.BigInteger;

/**
 * The one curve of the profile: NIST P-384 (secp384r1, SEC 2 section 2.5.1), y^2 = x^3 - 3x + b over the field of
 * {@link P384Field}, with the generator G of prime order n (cofactor 1). The constants are written out as field limbs
 * here rather than built by a library: a short process then sets up nothing but these arrays (docs/performance.md,
 * CLI start-up). {@code P384Test} checks them against Bouncy Castle's named curve.
 */
public final class P384 {
    /** The group order n. */
    public static final BigInteger N = new BigInteger(
            "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973", 16);
    /** The field prime p = 2^384 - 2^128 - 2^96 + 2^32 - 1. */
    static final BigInteger P = BigInteger.ONE.shiftLeft(384).subtract(BigInteger.ONE.shiftLeft(128))
            .subtract(BigInteger.ONE.shiftLeft(96)).add(BigInteger.ONE.shiftLeft(32)).subtract(BigInteger.ONE);
    /** The curve coefficient b (a is -3), as field limbs. */
    static final int[] B = {
        0xec2aef, 0xc8edd3, 0x9d2a85, 0x8a2ed1, 0x56398d, 0x875ac6, 0x8f5013, 0x031408,
        0x814112, 0x9c6efe, 0x19181d, 0xe3f82d, 0x8e056b, 0xe7e498, 0xa7e23e, 0xb3312f
    };
    /** The generator's affine x, as field limbs. */
    static final int[] GX = {
        0x760ab7, 0x5e3872, 0x6c3a54, 0xbf5529, 0x02f25d, 0x2a3855, 0xe08254, 0x59f741,
        0xa79b98, 0x3b628b, 0x746e1d, 0xf320ad, 0xb1c71e, 0x05378e, 0x22be8b, 0xaa87ca
    };
    /** The generator's affine y, as field limbs. */
    static final int[] GY = {
        0xea0e5f, 0x1d7c90, 0x9d7a43, 0x1d7e81, 0x60b1ce, 0xb8c00a, 0x13b5f0, 0xe9da31,
        0x9a147c, 0x1dbd28, 0x29f8f4, 0x9292dc, 0x9e98bf, 0x2c6f5d, 0x4a9626, 0x3617de
    };

    private P384() {
    }

    /** The generator's uncompressed SEC 1 encoding, 04 || x || y. */
    static byte[] generatorEncoded() {
        return P384Point.encodeUncompressed(GX, GY);
    }

    /**
     * Whether {@code value} may be an ECDSA signature component: 1 <= value < n. Checked before any
     * arithmetic, so that no JDK or library bug with zero or oversized components (CVE-2022-21449) is
     * reachable.
     */
    public static boolean isValidSignatureComponent(BigInteger value) {
        return value.signum() > 0 && value.compareTo(N) < 0;
    }
}
