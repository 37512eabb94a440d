package dev.nitroattest.attestation.internal.crypto;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Writes the steps that bring limbs c0, c1, ... back below p ({@link P384FieldSource}). Everything turns on
 * p = 2^384 - 2^128 - 2^96 + 2^32 - 1, that is 2^384 = 2^128 + 2^96 - 2^32 + 1 (mod p): a limb at 2^384 or above
 * moves down by 384 bits as four shifted copies, and 2^384 - p is the same four powers of two.
 */
final class ModularReduction {
    private static final int LIMBS = P384Field.LIMBS;
    private static final int LIMB_BITS = 24;

    /** One power of two of 2^384 mod p, at a limb and a shift within it. */
    private record PowerOfTwo(int exponent, boolean negative) {
        int limb() {
            return exponent / LIMB_BITS;
        }

        int shift() {
            return exponent % LIMB_BITS;
        }
    }

    /**
     * 2^384 mod p = 2^0 + 2^96 + 2^128 - 2^32, in the order the folds write the terms (the one to subtract last).
     * 96 is a limb boundary; 128 and 32 are 8 bits into a limb, hence the shifts by 8.
     */
    private static final List<PowerOfTwo> TWO_TO_384 = List.of(
            new PowerOfTwo(0, false), new PowerOfTwo(96, false), new PowerOfTwo(128, false),
            new PowerOfTwo(32, true));

    private ModularReduction() {
    }

    /**
     * Reduces the 31 columns c0..c30 of a product, each below 2^53. The first fold moves the 15 columns from 2^384 on
     * (c16..c30) down; each limb of the result adds at most five columns, two of them shifted by 8 bits, so it stays
     * below 2^62, and the result reaches 20 limbs (the top column lands at limb 14 + 5). Carried, that is limbs of 24
     * bits and a small c20; the second fold moves c16..c20 down the same way, and after the last carry the value is
     * below 2^384 + 2^266, so one conditional subtraction of p finishes.
     */
    static void reduceProduct(UnrolledCode code) {
        code.line("// Fold the columns from 2^384 on down (each below 2^53, so the sums stay below 2^62), carry, fold"
                + " what");
        code.line("// reached 2^384 again, carry: a value below 2^384 + 2^266.");
        fold(15, 20, code);
        carry(19, "c20", code);
        fold(5, 10, code);
        carry(15, "long top", code);
        subtractPIfReached(code);
    }

    /**
     * Folds the {@code highLimbs} limbs from c16 on into limbs c0 up to {@code resultLimbs} - 1: value = L + H 2^384
     * with each h_j adding to limb j and four limbs up, and its shifted copies to limb j + 5 and (subtracted) limb
     * j + 1. Limbs from 16 on hold what reaches 2^384 again. The high limbs are read before they are overwritten, as
     * the low ones are written first.
     */
    static void fold(int highLimbs, int resultLimbs, UnrolledCode code) {
        for (int k = 0; k < resultLimbs; k++) {
            List<String> added = new ArrayList<>();
            List<String> subtracted = new ArrayList<>();
            if (k < LIMBS) {
                added.add("c" + k);
            }
            for (PowerOfTwo power : TWO_TO_384) {
                int j = k - power.limb();
                if (j >= 0 && j < highLimbs) {
                    (power.negative() ? subtracted : added).add(shifted("c" + (LIMBS + j), power.shift()));
                }
            }
            code.line("c" + k + " = " + String.join(" + ", added) + minusEach(subtracted) + ";");
        }
    }

    private static String shifted(String limb, int shift) {
        return shift == 0 ? limb : "(" + limb + " << " + shift + ")";
    }

    private static String minusEach(List<String> terms) {
        StringBuilder out = new StringBuilder();
        terms.forEach(term -> out.append(" - ").append(term));
        return out.toString();
    }

    /**
     * Carries limbs c0..c{@code last} into 24 bits each, arithmetic shifts keeping negative limbs right, and puts what
     * leaves the last limb in {@code top} (a declaration or a limb).
     */
    static void carry(int last, String top, UnrolledCode code) {
        for (int k = 0; k < last; k++) {
            code.line("c" + (k + 1) + " += c" + k + " >> 24; c" + k + " &= MASK;");
        }
        code.line(top + " = c" + last + " >> 24;");
        code.line("c" + last + " &= MASK;");
    }

    /**
     * z = the 16 limbs c0..c15 plus {@code top} 2^384 (below 2^384 + 2^266), less p when they reach it. Adding
     * 2^384 - p carries into bit 384 exactly then; that sum is only worth making when top is set or c15 is full (as
     * p's top limb is), since anything else is below p.
     */
    static void subtractPIfReached(UnrolledCode code) {
        code.line("// The value is below p unless it reaches 2^384 or its top limb is full, as p's is (rare for a"
                + " product):");
        code.line("// then subtract p if it is at least p, that is, if adding 2^384 - p reaches bit 384.");
        code.line("if (top == 0 && c15 != MASK) {");
        code.packed(UnrolledCode.NESTED, stores(k -> "(int) c" + k));
        code.line(UnrolledCode.NESTED, "return;");
        code.line("}");
        addWithCarry(false, UnrolledCode.BODY, code);
        code.line("if (top + (e15 >> 24) != 0) {");
        code.packed(UnrolledCode.NESTED, stores(k -> "(int) (e" + k + " & MASK)"));
        code.line("} else {");
        code.packed(UnrolledCode.NESTED, stores(k -> "(int) c" + k));
        code.line("}");
    }

    /**
     * After a subtraction with its borrow in {@code top}: a negative difference is held as 2^384 + (x - y), so p is
     * added, that is, 2^384 - p subtracted, and the borrow out of bit 384 cancels the 2^384.
     */
    static void addPIfNegative(UnrolledCode code) {
        code.line("// A negative difference is held as 2^384 + (x - y) here: add p, that is, subtract 2^384 - p.");
        code.line("if (top < 0) {");
        addWithCarry(true, UnrolledCode.NESTED, code);
        code.packed(UnrolledCode.NESTED, stores(k -> "(int) (e" + k + " & MASK)"));
        code.line("} else {");
        code.fourPerLine(UnrolledCode.NESTED, stores(k -> "(int) c" + k));
        code.line("}");
    }

    /** e0..e15 = c0..c15 plus (or minus) 2^384 - p, carried limb by limb. */
    private static void addWithCarry(boolean subtract, int indent, UnrolledCode code) {
        for (int k = 0; k < LIMBS; k++) {
            long term = twoTo384MinusPAtLimb(k) * (subtract ? -1 : 1);
            String constant = term == 0 ? "" : (term > 0 ? " + " : " - ") + Math.abs(term);
            String carryIn = k == 0 ? "" : " + (e" + (k - 1) + " >> 24)";
            code.line(indent, "long e" + k + " = c" + k + constant + carryIn + ";");
        }
    }

    /** Limb k of 2^384 - p = 2^384 mod p, as a signed number: the sum of its powers of two at that limb. */
    private static long twoTo384MinusPAtLimb(int k) {
        return TWO_TO_384.stream()
                .filter(power -> power.limb() == k)
                .mapToLong(power -> (power.negative() ? -1L : 1L) << power.shift())
                .sum();
    }

    /** z[0] = ... through z[15] = ..., each value given by the limb's index. */
    static List<String> stores(IntFunction<String> value) {
        return IntStream.range(0, LIMBS).mapToObj(k -> "z[" + k + "] = " + value.apply(k) + ";").toList();
    }
}
