package dev.nitroattest.attestation.internal.crypto;

import java.math.BigInteger;

/**
 * Arithmetic modulo the P-384 prime p = 2^384 - 2^128 - 2^96 + 2^32 - 1. An element is 16 limbs of 24 bits, least
 * significant first, in an {@code int[16]}; every operation leaves its result fully reduced (below p, each limb below
 * 2^24), and an output may be one of the inputs.
 *
 * <p>Why 24-bit limbs: a product of two limbs has 48 bits, so the products of a column of a 384-bit product (16 at
 * most, or 8 of 25-bit sums in the middle of a Karatsuba product) add up in one {@code long} without a carry per step,
 * and 384 = 16 x 24 puts 2^384, on which the reduction turns, on a limb boundary (2^384 = 2^128 + 2^96 - 2^32 + 1
 * mod p: four shifted additions per limb). The operations are unrolled straight-line code on locals, without calls
 * or allocation, because verification in a short process runs them interpreted and then compiled by C1 only, where
 * each bytecode and call counts (docs/performance.md, CLI start-up).
 *
 * <p>This file is written by {@code P384FieldSource} (test code): the unrolled bodies of multiply, square, add and
 * subtract from the formulas, the rest from its template {@code P384Field.java.template} (test resources). Change
 * those and run it with the command in attestation-core's README, never this file by hand; {@code P384FieldSourceTest}
 * fails until this file is what it writes, and the randomized cross-checks against BigInteger in
 * {@code P384FieldTest} hold the bodies to the formulas.
 *
 * <p>Not constant time: branches and timings depend on the values. Verification only handles public data (keys,
 * digests, signatures), so nothing secret can leak; do not use this class with private keys.
 */
final class P384Field {
    static final int LIMBS = 16;
    private static final long MASK = 0xffffffL;
    private static final int[] ZERO = new int[LIMBS];

    private P384Field() {
    }

    /**
     * z = x y mod p. The inputs need not be reduced: any 16 limbs below 2^24 (a value below 2^384) give the reduced
     * product. The 31 columns c0..c30 of the product (one level of Karatsuba: 192 limb products instead of 256),
     * each below 2^53; those from 2^384 on folded down with 2^384 = 2^128 + 2^96 - 2^32 + 1 (mod p), carried, folded
     * and carried again, leaving a value below 2^384 + 2^266, from which p is subtracted once when it is at least p.
     */
    static void multiply(int[] x, int[] y, int[] z) {
        long x0 = x[0]; long x1 = x[1]; long x2 = x[2]; long x3 = x[3];
        long x4 = x[4]; long x5 = x[5]; long x6 = x[6]; long x7 = x[7];
        long x8 = x[8]; long x9 = x[9]; long x10 = x[10]; long x11 = x[11];
        long x12 = x[12]; long x13 = x[13]; long x14 = x[14]; long x15 = x[15];
        long y0 = y[0]; long y1 = y[1]; long y2 = y[2]; long y3 = y[3];
        long y4 = y[4]; long y5 = y[5]; long y6 = y[6]; long y7 = y[7];
        long y8 = y[8]; long y9 = y[9]; long y10 = y[10]; long y11 = y[11];
        long y12 = y[12]; long y13 = y[13]; long y14 = y[14]; long y15 = y[15];
        // One level of Karatsuba on the halves: lo = x_lo y_lo, hi = x_hi y_hi, and the middle
        // (x_lo + x_hi)(y_lo + y_hi) - lo - hi, whose columns are sums of products too (never negative).
        long sx0 = x0 + x8; long sx1 = x1 + x9; long sx2 = x2 + x10; long sx3 = x3 + x11; long sx4 = x4 + x12;
        long sx5 = x5 + x13; long sx6 = x6 + x14; long sx7 = x7 + x15;
        long sy0 = y0 + y8; long sy1 = y1 + y9; long sy2 = y2 + y10; long sy3 = y3 + y11; long sy4 = y4 + y12;
        long sy5 = y5 + y13; long sy6 = y6 + y14; long sy7 = y7 + y15;
        long c0 = x0 * y0;
        long c1 = x0 * y1 + x1 * y0;
        long c2 = x0 * y2 + x1 * y1 + x2 * y0;
        long c3 = x0 * y3 + x1 * y2 + x2 * y1 + x3 * y0;
        long c4 = x0 * y4 + x1 * y3 + x2 * y2 + x3 * y1 + x4 * y0;
        long c5 = x0 * y5 + x1 * y4 + x2 * y3 + x3 * y2 + x4 * y1 + x5 * y0;
        long c6 = x0 * y6 + x1 * y5 + x2 * y4 + x3 * y3 + x4 * y2 + x5 * y1 + x6 * y0;
        long c7 = x0 * y7 + x1 * y6 + x2 * y5 + x3 * y4 + x4 * y3 + x5 * y2 + x6 * y1 + x7 * y0;
        long l8 = x1 * y7 + x2 * y6 + x3 * y5 + x4 * y4 + x5 * y3 + x6 * y2 + x7 * y1;
        long l9 = x2 * y7 + x3 * y6 + x4 * y5 + x5 * y4 + x6 * y3 + x7 * y2;
        long l10 = x3 * y7 + x4 * y6 + x5 * y5 + x6 * y4 + x7 * y3;
        long l11 = x4 * y7 + x5 * y6 + x6 * y5 + x7 * y4;
        long l12 = x5 * y7 + x6 * y6 + x7 * y5;
        long l13 = x6 * y7 + x7 * y6;
        long l14 = x7 * y7;
        long h0 = x8 * y8;
        long h1 = x8 * y9 + x9 * y8;
        long h2 = x8 * y10 + x9 * y9 + x10 * y8;
        long h3 = x8 * y11 + x9 * y10 + x10 * y9 + x11 * y8;
        long h4 = x8 * y12 + x9 * y11 + x10 * y10 + x11 * y9 + x12 * y8;
        long h5 = x8 * y13 + x9 * y12 + x10 * y11 + x11 * y10 + x12 * y9 + x13 * y8;
        long h6 = x8 * y14 + x9 * y13 + x10 * y12 + x11 * y11 + x12 * y10 + x13 * y9 + x14 * y8;
        long h7 = x8 * y15 + x9 * y14 + x10 * y13 + x11 * y12 + x12 * y11 + x13 * y10 + x14 * y9 + x15 * y8;
        long h8 = x9 * y15 + x10 * y14 + x11 * y13 + x12 * y12 + x13 * y11 + x14 * y10 + x15 * y9;
        long h9 = x10 * y15 + x11 * y14 + x12 * y13 + x13 * y12 + x14 * y11 + x15 * y10;
        long h10 = x11 * y15 + x12 * y14 + x13 * y13 + x14 * y12 + x15 * y11;
        long h11 = x12 * y15 + x13 * y14 + x14 * y13 + x15 * y12;
        long h12 = x13 * y15 + x14 * y14 + x15 * y13;
        long h13 = x14 * y15 + x15 * y14;
        long h14 = x15 * y15;
        long c8 = l8 + sx0 * sy0 - c0 - h0;
        long c9 = l9 + sx0 * sy1 + sx1 * sy0 - c1 - h1;
        long c10 = l10 + sx0 * sy2 + sx1 * sy1 + sx2 * sy0 - c2 - h2;
        long c11 = l11 + sx0 * sy3 + sx1 * sy2 + sx2 * sy1 + sx3 * sy0 - c3 - h3;
        long c12 = l12 + sx0 * sy4 + sx1 * sy3 + sx2 * sy2 + sx3 * sy1 + sx4 * sy0 - c4 - h4;
        long c13 = l13 + sx0 * sy5 + sx1 * sy4 + sx2 * sy3 + sx3 * sy2 + sx4 * sy1 + sx5 * sy0 - c5 - h5;
        long c14 = l14 + sx0 * sy6 + sx1 * sy5 + sx2 * sy4 + sx3 * sy3 + sx4 * sy2 + sx5 * sy1
                + sx6 * sy0 - c6 - h6;
        long c15 = sx0 * sy7 + sx1 * sy6 + sx2 * sy5 + sx3 * sy4 + sx4 * sy3 + sx5 * sy2 + sx6 * sy1
                + sx7 * sy0 - c7 - h7;
        long c16 = sx1 * sy7 + sx2 * sy6 + sx3 * sy5 + sx4 * sy4 + sx5 * sy3 + sx6 * sy2 + sx7 * sy1 + h0 - l8 - h8;
        long c17 = sx2 * sy7 + sx3 * sy6 + sx4 * sy5 + sx5 * sy4 + sx6 * sy3 + sx7 * sy2 + h1 - l9 - h9;
        long c18 = sx3 * sy7 + sx4 * sy6 + sx5 * sy5 + sx6 * sy4 + sx7 * sy3 + h2 - l10 - h10;
        long c19 = sx4 * sy7 + sx5 * sy6 + sx6 * sy5 + sx7 * sy4 + h3 - l11 - h11;
        long c20 = sx5 * sy7 + sx6 * sy6 + sx7 * sy5 + h4 - l12 - h12;
        long c21 = sx6 * sy7 + sx7 * sy6 + h5 - l13 - h13;
        long c22 = sx7 * sy7 + h6 - l14 - h14;
        long c23 = h7;
        long c24 = h8;
        long c25 = h9;
        long c26 = h10;
        long c27 = h11;
        long c28 = h12;
        long c29 = h13;
        long c30 = h14;
        // Fold the columns from 2^384 on down (each below 2^53, so the sums stay below 2^62), carry, fold what
        // reached 2^384 again, carry: a value below 2^384 + 2^266.
        c0 = c0 + c16;
        c1 = c1 + c17 - (c16 << 8);
        c2 = c2 + c18 - (c17 << 8);
        c3 = c3 + c19 - (c18 << 8);
        c4 = c4 + c20 + c16 - (c19 << 8);
        c5 = c5 + c21 + c17 + (c16 << 8) - (c20 << 8);
        c6 = c6 + c22 + c18 + (c17 << 8) - (c21 << 8);
        c7 = c7 + c23 + c19 + (c18 << 8) - (c22 << 8);
        c8 = c8 + c24 + c20 + (c19 << 8) - (c23 << 8);
        c9 = c9 + c25 + c21 + (c20 << 8) - (c24 << 8);
        c10 = c10 + c26 + c22 + (c21 << 8) - (c25 << 8);
        c11 = c11 + c27 + c23 + (c22 << 8) - (c26 << 8);
        c12 = c12 + c28 + c24 + (c23 << 8) - (c27 << 8);
        c13 = c13 + c29 + c25 + (c24 << 8) - (c28 << 8);
        c14 = c14 + c30 + c26 + (c25 << 8) - (c29 << 8);
        c15 = c15 + c27 + (c26 << 8) - (c30 << 8);
        c16 = c28 + (c27 << 8);
        c17 = c29 + (c28 << 8);
        c18 = c30 + (c29 << 8);
        c19 = (c30 << 8);
        c1 += c0 >> 24; c0 &= MASK;
        c2 += c1 >> 24; c1 &= MASK;
        c3 += c2 >> 24; c2 &= MASK;
        c4 += c3 >> 24; c3 &= MASK;
        c5 += c4 >> 24; c4 &= MASK;
        c6 += c5 >> 24; c5 &= MASK;
        c7 += c6 >> 24; c6 &= MASK;
        c8 += c7 >> 24; c7 &= MASK;
        c9 += c8 >> 24; c8 &= MASK;
        c10 += c9 >> 24; c9 &= MASK;
        c11 += c10 >> 24; c10 &= MASK;
        c12 += c11 >> 24; c11 &= MASK;
        c13 += c12 >> 24; c12 &= MASK;
        c14 += c13 >> 24; c13 &= MASK;
        c15 += c14 >> 24; c14 &= MASK;
        c16 += c15 >> 24; c15 &= MASK;
        c17 += c16 >> 24; c16 &= MASK;
        c18 += c17 >> 24; c17 &= MASK;
        c19 += c18 >> 24; c18 &= MASK;
        c20 = c19 >> 24;
        c19 &= MASK;
        c0 = c0 + c16;
        c1 = c1 + c17 - (c16 << 8);
        c2 = c2 + c18 - (c17 << 8);
        c3 = c3 + c19 - (c18 << 8);
        c4 = c4 + c20 + c16 - (c19 << 8);
        c5 = c5 + c17 + (c16 << 8) - (c20 << 8);
        c6 = c6 + c18 + (c17 << 8);
        c7 = c7 + c19 + (c18 << 8);
        c8 = c8 + c20 + (c19 << 8);
        c9 = c9 + (c20 << 8);
        c1 += c0 >> 24; c0 &= MASK;
        c2 += c1 >> 24; c1 &= MASK;
        c3 += c2 >> 24; c2 &= MASK;
        c4 += c3 >> 24; c3 &= MASK;
        c5 += c4 >> 24; c4 &= MASK;
        c6 += c5 >> 24; c5 &= MASK;
        c7 += c6 >> 24; c6 &= MASK;
        c8 += c7 >> 24; c7 &= MASK;
        c9 += c8 >> 24; c8 &= MASK;
        c10 += c9 >> 24; c9 &= MASK;
        c11 += c10 >> 24; c10 &= MASK;
        c12 += c11 >> 24; c11 &= MASK;
        c13 += c12 >> 24; c12 &= MASK;
        c14 += c13 >> 24; c13 &= MASK;
        c15 += c14 >> 24; c14 &= MASK;
        long top = c15 >> 24;
        c15 &= MASK;
        // The value is below p unless it reaches 2^384 or its top limb is full, as p's is (rare for a product):
        // then subtract p if it is at least p, that is, if adding 2^384 - p reaches bit 384.
        if (top == 0 && c15 != MASK) {
            z[0] = (int) c0; z[1] = (int) c1; z[2] = (int) c2; z[3] = (int) c3; z[4] = (int) c4; z[5] = (int) c5;
            z[6] = (int) c6; z[7] = (int) c7; z[8] = (int) c8; z[9] = (int) c9; z[10] = (int) c10; z[11] = (int) c11;
            z[12] = (int) c12; z[13] = (int) c13; z[14] = (int) c14; z[15] = (int) c15;
            return;
        }
        long e0 = c0 + 1;
        long e1 = c1 - 256 + (e0 >> 24);
        long e2 = c2 + (e1 >> 24);
        long e3 = c3 + (e2 >> 24);
        long e4 = c4 + 1 + (e3 >> 24);
        long e5 = c5 + 256 + (e4 >> 24);
        long e6 = c6 + (e5 >> 24);
        long e7 = c7 + (e6 >> 24);
        long e8 = c8 + (e7 >> 24);
        long e9 = c9 + (e8 >> 24);
        long e10 = c10 + (e9 >> 24);
        long e11 = c11 + (e10 >> 24);
        long e12 = c12 + (e11 >> 24);
        long e13 = c13 + (e12 >> 24);
        long e14 = c14 + (e13 >> 24);
        long e15 = c15 + (e14 >> 24);
        if (top + (e15 >> 24) != 0) {
            z[0] = (int) (e0 & MASK); z[1] = (int) (e1 & MASK); z[2] = (int) (e2 & MASK); z[3] = (int) (e3 & MASK);
            z[4] = (int) (e4 & MASK); z[5] = (int) (e5 & MASK); z[6] = (int) (e6 & MASK); z[7] = (int) (e7 & MASK);
            z[8] = (int) (e8 & MASK); z[9] = (int) (e9 & MASK); z[10] = (int) (e10 & MASK); z[11] = (int) (e11 & MASK);
            z[12] = (int) (e12 & MASK); z[13] = (int) (e13 & MASK); z[14] = (int) (e14 & MASK);
            z[15] = (int) (e15 & MASK);
        } else {
            z[0] = (int) c0; z[1] = (int) c1; z[2] = (int) c2; z[3] = (int) c3; z[4] = (int) c4; z[5] = (int) c5;
            z[6] = (int) c6; z[7] = (int) c7; z[8] = (int) c8; z[9] = (int) c9; z[10] = (int) c10; z[11] = (int) c11;
            z[12] = (int) c12; z[13] = (int) c13; z[14] = (int) c14; z[15] = (int) c15;
        }
    }

    /** z = x^2 mod p, as {@link #multiply} but by schoolbook columns with each x_i x_j (i < j) once, doubled. */
    static void square(int[] x, int[] z) {
        long x0 = x[0]; long x1 = x[1]; long x2 = x[2]; long x3 = x[3];
        long x4 = x[4]; long x5 = x[5]; long x6 = x[6]; long x7 = x[7];
        long x8 = x[8]; long x9 = x[9]; long x10 = x[10]; long x11 = x[11];
        long x12 = x[12]; long x13 = x[13]; long x14 = x[14]; long x15 = x[15];
        // Karatsuba as in multiply, with the three products squares: x_lo^2, x_hi^2 and (x_lo + x_hi)^2.
        long d0 = x0 << 1; long d1 = x1 << 1; long d2 = x2 << 1; long d3 = x3 << 1; long d4 = x4 << 1;
        long d5 = x5 << 1; long d6 = x6 << 1; long d8 = x8 << 1; long d9 = x9 << 1; long d10 = x10 << 1;
        long d11 = x11 << 1; long d12 = x12 << 1; long d13 = x13 << 1; long d14 = x14 << 1;
        long sx0 = x0 + x8; long sx1 = x1 + x9; long sx2 = x2 + x10; long sx3 = x3 + x11; long sx4 = x4 + x12;
        long sx5 = x5 + x13; long sx6 = x6 + x14; long sx7 = x7 + x15;
        long ds0 = sx0 << 1; long ds1 = sx1 << 1; long ds2 = sx2 << 1; long ds3 = sx3 << 1; long ds4 = sx4 << 1;
        long ds5 = sx5 << 1; long ds6 = sx6 << 1;
        long c0 = x0 * x0;
        long c1 = d0 * x1;
        long c2 = d0 * x2 + x1 * x1;
        long c3 = d0 * x3 + d1 * x2;
        long c4 = d0 * x4 + d1 * x3 + x2 * x2;
        long c5 = d0 * x5 + d1 * x4 + d2 * x3;
        long c6 = d0 * x6 + d1 * x5 + d2 * x4 + x3 * x3;
        long c7 = d0 * x7 + d1 * x6 + d2 * x5 + d3 * x4;
        long l8 = d1 * x7 + d2 * x6 + d3 * x5 + x4 * x4;
        long l9 = d2 * x7 + d3 * x6 + d4 * x5;
        long l10 = d3 * x7 + d4 * x6 + x5 * x5;
        long l11 = d4 * x7 + d5 * x6;
        long l12 = d5 * x7 + x6 * x6;
        long l13 = d6 * x7;
        long l14 = x7 * x7;
        long h0 = x8 * x8;
        long h1 = d8 * x9;
        long h2 = d8 * x10 + x9 * x9;
        long h3 = d8 * x11 + d9 * x10;
        long h4 = d8 * x12 + d9 * x11 + x10 * x10;
        long h5 = d8 * x13 + d9 * x12 + d10 * x11;
        long h6 = d8 * x14 + d9 * x13 + d10 * x12 + x11 * x11;
        long h7 = d8 * x15 + d9 * x14 + d10 * x13 + d11 * x12;
        long h8 = d9 * x15 + d10 * x14 + d11 * x13 + x12 * x12;
        long h9 = d10 * x15 + d11 * x14 + d12 * x13;
        long h10 = d11 * x15 + d12 * x14 + x13 * x13;
        long h11 = d12 * x15 + d13 * x14;
        long h12 = d13 * x15 + x14 * x14;
        long h13 = d14 * x15;
        long h14 = x15 * x15;
        long c8 = l8 + sx0 * sx0 - c0 - h0;
        long c9 = l9 + ds0 * sx1 - c1 - h1;
        long c10 = l10 + ds0 * sx2 + sx1 * sx1 - c2 - h2;
        long c11 = l11 + ds0 * sx3 + ds1 * sx2 - c3 - h3;
        long c12 = l12 + ds0 * sx4 + ds1 * sx3 + sx2 * sx2 - c4 - h4;
        long c13 = l13 + ds0 * sx5 + ds1 * sx4 + ds2 * sx3 - c5 - h5;
        long c14 = l14 + ds0 * sx6 + ds1 * sx5 + ds2 * sx4 + sx3 * sx3 - c6 - h6;
        long c15 = ds0 * sx7 + ds1 * sx6 + ds2 * sx5 + ds3 * sx4 - c7 - h7;
        long c16 = ds1 * sx7 + ds2 * sx6 + ds3 * sx5 + sx4 * sx4 + h0 - l8 - h8;
        long c17 = ds2 * sx7 + ds3 * sx6 + ds4 * sx5 + h1 - l9 - h9;
        long c18 = ds3 * sx7 + ds4 * sx6 + sx5 * sx5 + h2 - l10 - h10;
        long c19 = ds4 * sx7 + ds5 * sx6 + h3 - l11 - h11;
        long c20 = ds5 * sx7 + sx6 * sx6 + h4 - l12 - h12;
        long c21 = ds6 * sx7 + h5 - l13 - h13;
        long c22 = sx7 * sx7 + h6 - l14 - h14;
        long c23 = h7;
        long c24 = h8;
        long c25 = h9;
        long c26 = h10;
        long c27 = h11;
        long c28 = h12;
        long c29 = h13;
        long c30 = h14;
        // Fold the columns from 2^384 on down (each below 2^53, so the sums stay below 2^62), carry, fold what
        // reached 2^384 again, carry: a value below 2^384 + 2^266.
        c0 = c0 + c16;
        c1 = c1 + c17 - (c16 << 8);
        c2 = c2 + c18 - (c17 << 8);
        c3 = c3 + c19 - (c18 << 8);
        c4 = c4 + c20 + c16 - (c19 << 8);
        c5 = c5 + c21 + c17 + (c16 << 8) - (c20 << 8);
        c6 = c6 + c22 + c18 + (c17 << 8) - (c21 << 8);
        c7 = c7 + c23 + c19 + (c18 << 8) - (c22 << 8);
        c8 = c8 + c24 + c20 + (c19 << 8) - (c23 << 8);
        c9 = c9 + c25 + c21 + (c20 << 8) - (c24 << 8);
        c10 = c10 + c26 + c22 + (c21 << 8) - (c25 << 8);
        c11 = c11 + c27 + c23 + (c22 << 8) - (c26 << 8);
        c12 = c12 + c28 + c24 + (c23 << 8) - (c27 << 8);
        c13 = c13 + c29 + c25 + (c24 << 8) - (c28 << 8);
        c14 = c14 + c30 + c26 + (c25 << 8) - (c29 << 8);
        c15 = c15 + c27 + (c26 << 8) - (c30 << 8);
        c16 = c28 + (c27 << 8);
        c17 = c29 + (c28 << 8);
        c18 = c30 + (c29 << 8);
        c19 = (c30 << 8);
        c1 += c0 >> 24; c0 &= MASK;
        c2 += c1 >> 24; c1 &= MASK;
        c3 += c2 >> 24; c2 &= MASK;
        c4 += c3 >> 24; c3 &= MASK;
        c5 += c4 >> 24; c4 &= MASK;
        c6 += c5 >> 24; c5 &= MASK;
        c7 += c6 >> 24; c6 &= MASK;
        c8 += c7 >> 24; c7 &= MASK;
        c9 += c8 >> 24; c8 &= MASK;
        c10 += c9 >> 24; c9 &= MASK;
        c11 += c10 >> 24; c10 &= MASK;
        c12 += c11 >> 24; c11 &= MASK;
        c13 += c12 >> 24; c12 &= MASK;
        c14 += c13 >> 24; c13 &= MASK;
        c15 += c14 >> 24; c14 &= MASK;
        c16 += c15 >> 24; c15 &= MASK;
        c17 += c16 >> 24; c16 &= MASK;
        c18 += c17 >> 24; c17 &= MASK;
        c19 += c18 >> 24; c18 &= MASK;
        c20 = c19 >> 24;
        c19 &= MASK;
        c0 = c0 + c16;
        c1 = c1 + c17 - (c16 << 8);
        c2 = c2 + c18 - (c17 << 8);
        c3 = c3 + c19 - (c18 << 8);
        c4 = c4 + c20 + c16 - (c19 << 8);
        c5 = c5 + c17 + (c16 << 8) - (c20 << 8);
        c6 = c6 + c18 + (c17 << 8);
        c7 = c7 + c19 + (c18 << 8);
        c8 = c8 + c20 + (c19 << 8);
        c9 = c9 + (c20 << 8);
        c1 += c0 >> 24; c0 &= MASK;
        c2 += c1 >> 24; c1 &= MASK;
        c3 += c2 >> 24; c2 &= MASK;
        c4 += c3 >> 24; c3 &= MASK;
        c5 += c4 >> 24; c4 &= MASK;
        c6 += c5 >> 24; c5 &= MASK;
        c7 += c6 >> 24; c6 &= MASK;
        c8 += c7 >> 24; c7 &= MASK;
        c9 += c8 >> 24; c8 &= MASK;
        c10 += c9 >> 24; c9 &= MASK;
        c11 += c10 >> 24; c10 &= MASK;
        c12 += c11 >> 24; c11 &= MASK;
        c13 += c12 >> 24; c12 &= MASK;
        c14 += c13 >> 24; c13 &= MASK;
        c15 += c14 >> 24; c14 &= MASK;
        long top = c15 >> 24;
        c15 &= MASK;
        // The value is below p unless it reaches 2^384 or its top limb is full, as p's is (rare for a product):
        // then subtract p if it is at least p, that is, if adding 2^384 - p reaches bit 384.
        if (top == 0 && c15 != MASK) {
            z[0] = (int) c0; z[1] = (int) c1; z[2] = (int) c2; z[3] = (int) c3; z[4] = (int) c4; z[5] = (int) c5;
            z[6] = (int) c6; z[7] = (int) c7; z[8] = (int) c8; z[9] = (int) c9; z[10] = (int) c10; z[11] = (int) c11;
            z[12] = (int) c12; z[13] = (int) c13; z[14] = (int) c14; z[15] = (int) c15;
            return;
        }
        long e0 = c0 + 1;
        long e1 = c1 - 256 + (e0 >> 24);
        long e2 = c2 + (e1 >> 24);
        long e3 = c3 + (e2 >> 24);
        long e4 = c4 + 1 + (e3 >> 24);
        long e5 = c5 + 256 + (e4 >> 24);
        long e6 = c6 + (e5 >> 24);
        long e7 = c7 + (e6 >> 24);
        long e8 = c8 + (e7 >> 24);
        long e9 = c9 + (e8 >> 24);
        long e10 = c10 + (e9 >> 24);
        long e11 = c11 + (e10 >> 24);
        long e12 = c12 + (e11 >> 24);
        long e13 = c13 + (e12 >> 24);
        long e14 = c14 + (e13 >> 24);
        long e15 = c15 + (e14 >> 24);
        if (top + (e15 >> 24) != 0) {
            z[0] = (int) (e0 & MASK); z[1] = (int) (e1 & MASK); z[2] = (int) (e2 & MASK); z[3] = (int) (e3 & MASK);
            z[4] = (int) (e4 & MASK); z[5] = (int) (e5 & MASK); z[6] = (int) (e6 & MASK); z[7] = (int) (e7 & MASK);
            z[8] = (int) (e8 & MASK); z[9] = (int) (e9 & MASK); z[10] = (int) (e10 & MASK); z[11] = (int) (e11 & MASK);
            z[12] = (int) (e12 & MASK); z[13] = (int) (e13 & MASK); z[14] = (int) (e14 & MASK);
            z[15] = (int) (e15 & MASK);
        } else {
            z[0] = (int) c0; z[1] = (int) c1; z[2] = (int) c2; z[3] = (int) c3; z[4] = (int) c4; z[5] = (int) c5;
            z[6] = (int) c6; z[7] = (int) c7; z[8] = (int) c8; z[9] = (int) c9; z[10] = (int) c10; z[11] = (int) c11;
            z[12] = (int) c12; z[13] = (int) c13; z[14] = (int) c14; z[15] = (int) c15;
        }
    }

    /** z = x + y mod p, for reduced x and y. */
    static void add(int[] x, int[] y, int[] z) {
        long c0 = (long) x[0] + y[0];
        long c1 = (long) x[1] + y[1];
        long c2 = (long) x[2] + y[2];
        long c3 = (long) x[3] + y[3];
        long c4 = (long) x[4] + y[4];
        long c5 = (long) x[5] + y[5];
        long c6 = (long) x[6] + y[6];
        long c7 = (long) x[7] + y[7];
        long c8 = (long) x[8] + y[8];
        long c9 = (long) x[9] + y[9];
        long c10 = (long) x[10] + y[10];
        long c11 = (long) x[11] + y[11];
        long c12 = (long) x[12] + y[12];
        long c13 = (long) x[13] + y[13];
        long c14 = (long) x[14] + y[14];
        long c15 = (long) x[15] + y[15];
        c1 += c0 >> 24; c0 &= MASK;
        c2 += c1 >> 24; c1 &= MASK;
        c3 += c2 >> 24; c2 &= MASK;
        c4 += c3 >> 24; c3 &= MASK;
        c5 += c4 >> 24; c4 &= MASK;
        c6 += c5 >> 24; c5 &= MASK;
        c7 += c6 >> 24; c6 &= MASK;
        c8 += c7 >> 24; c7 &= MASK;
        c9 += c8 >> 24; c8 &= MASK;
        c10 += c9 >> 24; c9 &= MASK;
        c11 += c10 >> 24; c10 &= MASK;
        c12 += c11 >> 24; c11 &= MASK;
        c13 += c12 >> 24; c12 &= MASK;
        c14 += c13 >> 24; c13 &= MASK;
        c15 += c14 >> 24; c14 &= MASK;
        long top = c15 >> 24;
        c15 &= MASK;
        // The value is below p unless it reaches 2^384 or its top limb is full, as p's is (rare for a product):
        // then subtract p if it is at least p, that is, if adding 2^384 - p reaches bit 384.
        if (top == 0 && c15 != MASK) {
            z[0] = (int) c0; z[1] = (int) c1; z[2] = (int) c2; z[3] = (int) c3; z[4] = (int) c4; z[5] = (int) c5;
            z[6] = (int) c6; z[7] = (int) c7; z[8] = (int) c8; z[9] = (int) c9; z[10] = (int) c10; z[11] = (int) c11;
            z[12] = (int) c12; z[13] = (int) c13; z[14] = (int) c14; z[15] = (int) c15;
            return;
        }
        long e0 = c0 + 1;
        long e1 = c1 - 256 + (e0 >> 24);
        long e2 = c2 + (e1 >> 24);
        long e3 = c3 + (e2 >> 24);
        long e4 = c4 + 1 + (e3 >> 24);
        long e5 = c5 + 256 + (e4 >> 24);
        long e6 = c6 + (e5 >> 24);
        long e7 = c7 + (e6 >> 24);
        long e8 = c8 + (e7 >> 24);
        long e9 = c9 + (e8 >> 24);
        long e10 = c10 + (e9 >> 24);
        long e11 = c11 + (e10 >> 24);
        long e12 = c12 + (e11 >> 24);
        long e13 = c13 + (e12 >> 24);
        long e14 = c14 + (e13 >> 24);
        long e15 = c15 + (e14 >> 24);
        if (top + (e15 >> 24) != 0) {
            z[0] = (int) (e0 & MASK); z[1] = (int) (e1 & MASK); z[2] = (int) (e2 & MASK); z[3] = (int) (e3 & MASK);
            z[4] = (int) (e4 & MASK); z[5] = (int) (e5 & MASK); z[6] = (int) (e6 & MASK); z[7] = (int) (e7 & MASK);
            z[8] = (int) (e8 & MASK); z[9] = (int) (e9 & MASK); z[10] = (int) (e10 & MASK); z[11] = (int) (e11 & MASK);
            z[12] = (int) (e12 & MASK); z[13] = (int) (e13 & MASK); z[14] = (int) (e14 & MASK);
            z[15] = (int) (e15 & MASK);
        } else {
            z[0] = (int) c0; z[1] = (int) c1; z[2] = (int) c2; z[3] = (int) c3; z[4] = (int) c4; z[5] = (int) c5;
            z[6] = (int) c6; z[7] = (int) c7; z[8] = (int) c8; z[9] = (int) c9; z[10] = (int) c10; z[11] = (int) c11;
            z[12] = (int) c12; z[13] = (int) c13; z[14] = (int) c14; z[15] = (int) c15;
        }
    }

    /** z = x - y mod p, for reduced x and y. */
    static void subtract(int[] x, int[] y, int[] z) {
        long c0 = (long) x[0] - y[0];
        long c1 = (long) x[1] - y[1];
        long c2 = (long) x[2] - y[2];
        long c3 = (long) x[3] - y[3];
        long c4 = (long) x[4] - y[4];
        long c5 = (long) x[5] - y[5];
        long c6 = (long) x[6] - y[6];
        long c7 = (long) x[7] - y[7];
        long c8 = (long) x[8] - y[8];
        long c9 = (long) x[9] - y[9];
        long c10 = (long) x[10] - y[10];
        long c11 = (long) x[11] - y[11];
        long c12 = (long) x[12] - y[12];
        long c13 = (long) x[13] - y[13];
        long c14 = (long) x[14] - y[14];
        long c15 = (long) x[15] - y[15];
        c1 += c0 >> 24; c0 &= MASK;
        c2 += c1 >> 24; c1 &= MASK;
        c3 += c2 >> 24; c2 &= MASK;
        c4 += c3 >> 24; c3 &= MASK;
        c5 += c4 >> 24; c4 &= MASK;
        c6 += c5 >> 24; c5 &= MASK;
        c7 += c6 >> 24; c6 &= MASK;
        c8 += c7 >> 24; c7 &= MASK;
        c9 += c8 >> 24; c8 &= MASK;
        c10 += c9 >> 24; c9 &= MASK;
        c11 += c10 >> 24; c10 &= MASK;
        c12 += c11 >> 24; c11 &= MASK;
        c13 += c12 >> 24; c12 &= MASK;
        c14 += c13 >> 24; c13 &= MASK;
        c15 += c14 >> 24; c14 &= MASK;
        long top = c15 >> 24;
        c15 &= MASK;
        // A negative difference is held as 2^384 + (x - y) here: add p, that is, subtract 2^384 - p.
        if (top < 0) {
            long e0 = c0 - 1;
            long e1 = c1 + 256 + (e0 >> 24);
            long e2 = c2 + (e1 >> 24);
            long e3 = c3 + (e2 >> 24);
            long e4 = c4 - 1 + (e3 >> 24);
            long e5 = c5 - 256 + (e4 >> 24);
            long e6 = c6 + (e5 >> 24);
            long e7 = c7 + (e6 >> 24);
            long e8 = c8 + (e7 >> 24);
            long e9 = c9 + (e8 >> 24);
            long e10 = c10 + (e9 >> 24);
            long e11 = c11 + (e10 >> 24);
            long e12 = c12 + (e11 >> 24);
            long e13 = c13 + (e12 >> 24);
            long e14 = c14 + (e13 >> 24);
            long e15 = c15 + (e14 >> 24);
            z[0] = (int) (e0 & MASK); z[1] = (int) (e1 & MASK); z[2] = (int) (e2 & MASK); z[3] = (int) (e3 & MASK);
            z[4] = (int) (e4 & MASK); z[5] = (int) (e5 & MASK); z[6] = (int) (e6 & MASK); z[7] = (int) (e7 & MASK);
            z[8] = (int) (e8 & MASK); z[9] = (int) (e9 & MASK); z[10] = (int) (e10 & MASK); z[11] = (int) (e11 & MASK);
            z[12] = (int) (e12 & MASK); z[13] = (int) (e13 & MASK); z[14] = (int) (e14 & MASK);
            z[15] = (int) (e15 & MASK);
        } else {
            z[0] = (int) c0; z[1] = (int) c1; z[2] = (int) c2; z[3] = (int) c3;
            z[4] = (int) c4; z[5] = (int) c5; z[6] = (int) c6; z[7] = (int) c7;
            z[8] = (int) c8; z[9] = (int) c9; z[10] = (int) c10; z[11] = (int) c11;
            z[12] = (int) c12; z[13] = (int) c13; z[14] = (int) c14; z[15] = (int) c15;
        }
    }

    /** z = 2x mod p, for a reduced x. */
    static void twice(int[] x, int[] z) {
        add(x, x, z);
    }

    /** z = -x mod p, for a reduced x. */
    static void negate(int[] x, int[] z) {
        subtract(ZERO, x, z);
    }

    /** z = x^(2^count) mod p. */
    static void squareTimes(int[] x, int count, int[] z) {
        square(x, z);
        for (int i = 1; i < count; i++) {
            square(z, z);
        }
    }

    /**
     * z = 1/x mod p as x^(p-2) (Fermat), by a fixed addition chain: 385 squarings and 15 multiplications. The
     * exponent's bits from the top: 255 ones, a zero, 32 ones, 64 zeros, 30 ones, 0, 1. For x = 0 the result is 0.
     */
    static void invert(int[] x, int[] z) {
        int[] x2 = new int[LIMBS];
        int[] x30 = new int[LIMBS];
        int[] x32 = new int[LIMBS];
        int[] t = powerOfOnes255(x, x2, x30, x32);
        squareTimes(t, 1, t);
        squareTimes(t, 32, t);
        multiply(t, x32, t);
        squareTimes(t, 64, t);
        squareTimes(t, 30, t);
        multiply(t, x30, t);
        squareTimes(t, 2, t);
        multiply(t, x, z);
    }

    /**
     * A square root of x, x^((p+1)/4), which is one exactly when x is a square (p = 3 mod 4); the caller checks by
     * squaring. The exponent's bits from the top: 255 ones, a zero, 32 ones, 63 zeros, a one, 30 zeros.
     */
    static void squareRoot(int[] x, int[] z) {
        int[] x2 = new int[LIMBS];
        int[] x30 = new int[LIMBS];
        int[] x32 = new int[LIMBS];
        int[] t = powerOfOnes255(x, x2, x30, x32);
        squareTimes(t, 1, t);
        squareTimes(t, 32, t);
        multiply(t, x32, t);
        squareTimes(t, 64, t);
        multiply(t, x, t);
        squareTimes(t, 30, z);
    }

    /**
     * x^(2^255 - 1), the common head of both exponents, leaving x^(2^2 - 1), x^(2^30 - 1) and x^(2^32 - 1) in
     * x2, x30 and x32 (x_k stands for x^(2^k - 1) below; x_(a+b) = x_a^(2^b) x_b).
     */
    private static int[] powerOfOnes255(int[] x, int[] x2, int[] x30, int[] x32) {
        int[] x3 = new int[LIMBS];
        int[] x15 = new int[LIMBS];
        int[] t = new int[LIMBS];
        square(x, x2);
        multiply(x2, x, x2);
        square(x2, x3);
        multiply(x3, x, x3);
        squareTimes(x3, 3, t);
        multiply(t, x3, t); // x6
        squareTimes(t, 6, x15);
        multiply(x15, t, x15); // x12
        squareTimes(x15, 3, x15);
        multiply(x15, x3, x15); // x15
        squareTimes(x15, 15, x30);
        multiply(x30, x15, x30);
        squareTimes(x30, 2, x32);
        multiply(x32, x2, x32);
        squareTimes(x30, 30, t);
        multiply(t, x30, t); // x60
        int[] u = new int[LIMBS];
        squareTimes(t, 60, u);
        multiply(u, t, u); // x120
        squareTimes(u, 120, t);
        multiply(t, u, t); // x240
        squareTimes(t, 15, t);
        multiply(t, x15, t); // x255
        return t;
    }

    static boolean isZero(int[] x) {
        int any = 0;
        for (int limb : x) {
            any |= limb;
        }
        return any == 0;
    }

    static boolean isOdd(int[] x) {
        return (x[0] & 1) != 0;
    }

    /**
     * Reads the 48-byte big-endian number at {@code offset} into z and returns whether it is below p (z is then its
     * reduced form; otherwise z holds the number, unreduced).
     */
    static boolean fromBytes(byte[] bytes, int offset, int[] z) {
        for (int i = 0; i < LIMBS; i++) {
            int end = offset + 47 - 3 * i;
            z[i] = (bytes[end] & 0xff) | (bytes[end - 1] & 0xff) << 8 | (bytes[end - 2] & 0xff) << 16;
        }
        return isBelowP(z);
    }

    /** Writes x as 48 big-endian bytes at {@code offset}. */
    static void toBytes(int[] x, byte[] bytes, int offset) {
        for (int i = 0; i < LIMBS; i++) {
            int end = offset + 47 - 3 * i;
            bytes[end] = (byte) x[i];
            bytes[end - 1] = (byte) (x[i] >>> 8);
            bytes[end - 2] = (byte) (x[i] >>> 16);
        }
    }

    /** The element for a value in [0, 2^384). */
    static int[] fromBigInteger(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 384) {
            throw new IllegalArgumentException("not a 384-bit non-negative value");
        }
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[48];
        int length = Math.min(raw.length, 48);
        System.arraycopy(raw, raw.length - length, bytes, 48 - length, length);
        int[] z = new int[LIMBS];
        fromBytes(bytes, 0, z);
        return z;
    }

    static BigInteger toBigInteger(int[] x) {
        byte[] bytes = new byte[48];
        toBytes(x, bytes, 0);
        return new BigInteger(1, bytes);
    }

    /** Whether 16 limbs below 2^24 hold a value below p: adding 2^384 - p does not reach 2^384. */
    private static boolean isBelowP(int[] x) {
        long carry = (long) x[0] + 1;
        carry = (carry >> 24) + x[1] - 256;
        carry = (carry >> 24) + x[2];
        carry = (carry >> 24) + x[3];
        carry = (carry >> 24) + x[4] + 1;
        carry = (carry >> 24) + x[5] + 256;
        for (int i = 6; i < LIMBS; i++) {
            carry = (carry >> 24) + x[i];
        }
        return carry >> 24 == 0;
    }
}
