#!/usr/bin/env python3
"""Writes attestation-core's P384Field.java: the unrolled bodies of multiply, square, add and subtract for 16 limbs
of 24 bits, around the hand-written rest of the class (TEMPLATE below). Run from the repository root:

    python3 attestation-core/src/build/generate-p384-field.py

P384FieldTest checks every operation against BigInteger; run it after a change.
"""

N = 16
out = []


def emit(s, ind=8):
    out.append(" " * ind + s)

def emit_packed(statements, ind):
    line = ""
    for s in statements:
        if line and ind + len(line) + 1 + len(s) > 120:
            emit(line, ind)
            line = s
        else:
            line = s if not line else line + " " + s
    if line:
        emit(line, ind)

def load(name, arr):
    for i in range(0, N, 4):
        emit(" ".join(f"long {name}{j} = {arr}[{j}];" for j in range(i, i + 4)))

def reduce_columns():
    emit("// Fold the columns from 2^384 on down (each below 2^53, so the sums stay below 2^62), carry, fold what")
    emit("// reached 2^384 again, carry: a value below 2^384 + 2^266.")
    fold(16, list(range(16, 31)), 20)
    carry_signed(0, 19, new_top="c20", declare=False)
    fold(10, list(range(16, 21)), 10)
    carry_signed(0, 15, new_top="top", declare=True)
    final_subtract("c", "z")

def fold(count_low, high, upto):
    # value = low + H * 2^384 and 2^384 = 2^128 + 2^96 - 2^32 + 1 (mod p), with H's limbs h_j = c[high[j]]
    h = high
    for k in range(upto):
        terms = []
        if k < 16:
            terms.append(f"c{k}")
        if k < len(h):
            terms.append(f"c{h[k]}")
        if 0 <= k - 4 < len(h):
            terms.append(f"c{h[k - 4]}")
        if 0 <= k - 5 < len(h):
            terms.append(f"(c{h[k - 5]} << 8)")
        neg = f" - (c{h[k - 1]} << 8)" if 0 <= k - 1 < len(h) else ""
        if not terms:
            continue
        emit(f"c{k} = " + " + ".join(terms) + neg + ";")

def carry_signed(lo, hi, new_top, declare):
    for k in range(lo, hi):
        emit(f"c{k + 1} += c{k} >> 24; c{k} &= MASK;")
    emit(f"{'long ' if declare else ''}{new_top} = c{hi} >> 24;")
    emit(f"c{hi} &= MASK;")

def final_subtract(src, dst):
    # Below p unless top is set or the value is at least p with top clear, which needs limb 15 full (as p's is).
    emit("// The value is below p unless it reaches 2^384 or its top limb is full, as p's is (rare for a product):")
    emit("// then subtract p if it is at least p, that is, if adding 2^384 - p reaches bit 384.")
    emit(f"if (top == 0 && {src}15 != MASK) {{")
    emit_packed([f"{dst}[{j}] = (int) {src}{j};" for j in range(N)], 12)
    emit("    return;")
    emit("}")
    kk = {0: "+ 1", 1: "- 256", 4: "+ 1", 5: "+ 256"}
    for k in range(N):
        add = f" {kk[k]}" if k in kk else ""
        carry = f" + (e{k - 1} >> 24)" if k > 0 else ""
        emit(f"long e{k} = {src}{k}{add}{carry};")
    emit(f"if (top + (e{N - 1} >> 24) != 0) {{")
    emit_packed([f"{dst}[{j}] = (int) (e{j} & MASK);" for j in range(N)], 12)
    emit("} else {")
    emit_packed([f"{dst}[{j}] = (int) {src}{j};" for j in range(N)], 12)
    emit("}")

def column_sum(terms):
    return " + ".join(terms)

def emit_wrapped(line):
    words = line.split(" + ")
    cur = words[0]
    for w in words[1:]:
        if len(cur) + 3 + len(w) + 8 > 116:
            emit(cur)
            cur = "        + " + w
        else:
            cur += " + " + w
    emit(cur)

def karatsuba_columns(lo_terms, hi_terms, mid_terms):
    """The 31 columns c0..c30 from the halves' columns: lo + (mid - lo - hi) 2^192 + hi 2^384."""
    half = N // 2
    low = lambda k: f"c{k}" if k < half else f"l{k}"
    for k in range(2 * half - 1):
        emit_wrapped(f"long {low(k)} = " + column_sum(lo_terms(k)) + ";")
    for k in range(2 * half - 1):
        emit_wrapped(f"long h{k} = " + column_sum(hi_terms(k)) + ";")
    for k in range(half, 2 * N - 1):
        parts = []
        if k <= 2 * half - 2:
            parts.append(f"l{k}")
        j = k - half
        if 0 <= j <= 2 * half - 2:
            parts.extend(mid_terms(j))
        if 0 <= k - 2 * half <= 2 * half - 2:
            parts.append(f"h{k - 2 * half}")
        line = f"long c{k} = " + column_sum(parts)
        if 0 <= j <= 2 * half - 2:
            line += f" - {low(j)} - h{j}"
        emit_wrapped(line + ";")


def product_terms(a, b, offset_a, offset_b, k):
    half = N // 2
    return [f"{a}{i + offset_a} * {b}{k - i + offset_b}" for i in range(half) if 0 <= k - i < half]


def square_terms(a, doubled, offset, k):
    """Column k of the square of a half: each a_i a_j (i < j) once, with the doubled a_i, and a_(k/2)^2."""
    half = N // 2
    terms = [f"{doubled}{i + offset} * {a}{k - i + offset}" for i in range(half) if i < k - i < half]
    if k % 2 == 0 and k // 2 < half:
        terms.append(f"{a}{k // 2 + offset} * {a}{k // 2 + offset}")
    return terms


def gen_multiply():
    out.clear()
    load("x", "x")
    load("y", "y")
    half = N // 2
    emit("// One level of Karatsuba on the halves: lo = x_lo y_lo, hi = x_hi y_hi, and the middle")
    emit("// (x_lo + x_hi)(y_lo + y_hi) - lo - hi, whose columns are sums of products too (never negative).")
    emit_packed([f"long sx{i} = x{i} + x{i + half};" for i in range(half)], 8)
    emit_packed([f"long sy{i} = y{i} + y{i + half};" for i in range(half)], 8)
    karatsuba_columns(lambda k: product_terms("x", "y", 0, 0, k), lambda k: product_terms("x", "y", half, half, k),
                      lambda k: product_terms("sx", "sy", 0, 0, k))
    reduce_columns()
    return "\n".join(out)


def gen_square():
    out.clear()
    load("x", "x")
    half = N // 2
    emit("// Karatsuba as in multiply, with the three products squares: x_lo^2, x_hi^2 and (x_lo + x_hi)^2.")
    emit_packed([f"long d{i} = x{i} << 1;" for i in range(N) if i % half != half - 1], 8)
    emit_packed([f"long sx{i} = x{i} + x{i + half};" for i in range(half)], 8)
    emit_packed([f"long ds{i} = sx{i} << 1;" for i in range(half - 1)], 8)
    karatsuba_columns(lambda k: square_terms("x", "d", 0, k), lambda k: square_terms("x", "d", half, k),
                      lambda k: square_terms("sx", "ds", 0, k))
    reduce_columns()
    return "\n".join(out)


def gen_add():
    out.clear()
    for k in range(N):
        emit(f"long c{k} = (long) x[{k}] + y[{k}];")
    carry_signed(0, 15, new_top="top", declare=True)
    final_subtract("c", "z")
    return "\n".join(out)

def gen_subtract():
    out.clear()
    for k in range(N):
        emit(f"long c{k} = (long) x[{k}] - y[{k}];")
    carry_signed(0, 15, new_top="top", declare=True)
    emit("// A negative difference is held as 2^384 + (x - y) here: add p, that is, subtract 2^384 - p.")
    kk = {0: " - 1", 1: " + 256", 4: " - 1", 5: " - 256"}
    emit("if (top < 0) {")
    for k in range(N):
        carry = f" + (e{k - 1} >> 24)" if k > 0 else ""
        emit(f"long e{k} = c{k}{kk.get(k, '')}{carry};", 12)
    emit_packed([f"z[{j}] = (int) (e{j} & MASK);" for j in range(N)], 12)
    emit("} else {")
    for i in range(0, N, 4):
        emit(" ".join(f"z[{j}] = (int) c{j};" for j in range(i, i + 4)), 12)
    emit("}")
    return "\n".join(out)



TEMPLATE = r'''package dev.nitroattest.attestation.internal.crypto;

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
 * <p>The unrolled bodies of multiply, square, add and subtract are written by
 * {@code attestation-core/src/build/generate-p384-field.py} (run it to change them; do not edit them by hand); the
 * randomized cross-checks against BigInteger in {@code P384FieldTest} hold them to the formulas.
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
@@multiply@@
    }

    /** z = x^2 mod p, as {@link #multiply} but by schoolbook columns with each x_i x_j (i < j) once, doubled. */
    static void square(int[] x, int[] z) {
@@square@@
    }

    /** z = x + y mod p, for reduced x and y. */
    static void add(int[] x, int[] y, int[] z) {
@@add@@
    }

    /** z = x - y mod p, for reduced x and y. */
    static void subtract(int[] x, int[] y, int[] z) {
@@subtract@@
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
'''


def main():
    source = TEMPLATE
    for name, body in [("multiply", gen_multiply), ("square", gen_square), ("add", gen_add),
                       ("subtract", gen_subtract)]:
        source = source.replace("@@" + name + "@@", body())
    path = "attestation-core/src/main/java/dev/nitroattest/attestation/internal/crypto/P384Field.java"
    with open(path, "w") as out:
        out.write(source)


if __name__ == "__main__":
    main()
