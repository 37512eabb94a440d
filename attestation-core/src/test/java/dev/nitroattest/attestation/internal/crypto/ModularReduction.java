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
     * (c16..c30) down; a limb of the result adds four columns and one shifted by 8 bits and subtracts another shifted
     * one, so it stays below 2^62, and the top column lands 5 limbs up, at c19. Carried, that is limbs of 24 bits and
     * a small c20; the second fold moves c16..c20 down the same way, and after the last carry the value is below
     * 2^384 + 2^266, so one conditional subtraction of p finishes.
     */
    static void reduceProduct(UnrolledCode code) {
        code.line("// Fold the columns from 2^384 on down (each below 2^53, so the sums stay below 2^62), carry, fold"
                + " what");
        code.line("// reached 2^384 again, carry: a value below 2^384 + 2^266.");
        int columnsAbove384 = KaratsubaColumns.COLUMNS - LIMBS;
        int foldedLimbs = fold(columnsAbove384, code);
        carry(foldedLimbs - 1, "c" + foldedLimbs, code);
        fold(foldedLimbs + 1 - LIMBS, code);
        carry(LIMBS - 1, "long top", code);
        subtractPIfReached(code);
    }

    /**
     * Writes c0, c1, ... as L + H 2^384 (mod p), where H is the {@code highLimbs} limbs from c16 on and L those below,
     * and returns how many limbs that takes. Since 2^384 = 2^0 + 2^96 + 2^128 - 2^32 (mod p), h_j adds to limb j,
     * limb j + 4 and, shifted by 8 bits, limb j + 5, and subtracts, shifted by 8 bits, from limb j + 1; the limbs
     * written from c16 on are what reaches 2^384 again. Writing them in place is safe: c16 + j (h_j) is overwritten
     * as limb 16 + j, after every limb that reads it (j to j + 5).
     */
    static int fold(int highLimbs, UnrolledCode code) {
        int resultLimbs = highLimbs + TWO_TO_384.stream().mapToInt(PowerOfTwo::limb).max().orElseThrow();
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
        return resultLimbs;
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
            code.line("c" + (k + 1) + " += c" + k + " >> " + LIMB_BITS + "; c" + k + " &= MASK;");
        }
        code.line(top + " = c" + last + " >> " + LIMB_BITS + ";");
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
        addWithCarry(1, UnrolledCode.BODY, code);
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
        addWithCarry(-1, UnrolledCode.NESTED, code);
        code.packed(UnrolledCode.NESTED, stores(k -> "(int) (e" + k + " & MASK)"));
        code.line("} else {");
        code.fourPerLine(UnrolledCode.NESTED, stores(k -> "(int) c" + k));
        code.line("}");
    }

    /** e0..e15 = c0..c15 + sign (2^384 - p), carried limb by limb; sign is 1 or -1. */
    private static void addWithCarry(int sign, int indent, UnrolledCode code) {
        for (int k = 0; k < LIMBS; k++) {
            long term = sign * twoTo384MinusPAtLimb(k);
            String constant = term == 0 ? "" : (term > 0 ? " + " : " - ") + Math.abs(term);
            String carryIn = k == 0 ? "" : " + (e" + (k - 1) + " >> " + LIMB_BITS + ")";
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
