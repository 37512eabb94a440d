package dev.nitroattest.attestation.internal.crypto;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the 31 columns c0..c30 of a 16-limb product by one level of Karatsuba ({@link P384FieldSource}): with each
 * factor cut into halves of 8 limbs, x y = lo + (mid - lo - hi) 2^192 + hi 2^384, where lo and hi are the products
 * of the low and the high halves and mid that of the halves' sums. That is 3 x 64 limb products instead of 256, and
 * mid - lo - hi is never negative, so every column stays a plain sum in a {@code long}.
 */
final class KaratsubaColumns {
    static final int HALF = P384Field.LIMBS / 2;
    /** The columns of the product of two halves: 0 to 14. */
    private static final int HALF_COLUMNS = 2 * HALF - 1;
    static final int COLUMNS = 2 * P384Field.LIMBS - 1;

    private KaratsubaColumns() {
    }

    /** The terms of column k of the product of two halves, such as {@code x0 * y2, x1 * y1, x2 * y0}. */
    @FunctionalInterface
    interface HalfProduct {
        List<String> column(int k);
    }

    /** a b, for the halves of a and b whose limbs start at the given index. */
    static HalfProduct product(String a, String b, int firstLimb) {
        return k -> {
            List<String> terms = new ArrayList<>();
            for (int i = Math.max(0, k - HALF + 1); i <= Math.min(k, HALF - 1); i++) {
                terms.add(a + (firstLimb + i) + " * " + b + (firstLimb + k - i));
            }
            return terms;
        };
    }

    /**
     * a^2, for the half of a whose limbs start at the given index: each a_i a_j (i < j) once, with {@code doubled}
     * holding 2 a_i, then a_(k/2)^2 on an even column; nearly half the products of {@link #product}.
     */
    static HalfProduct square(String a, String doubled, int firstLimb) {
        return k -> {
            List<String> terms = new ArrayList<>();
            for (int i = Math.max(0, k - HALF + 1); 2 * i < k; i++) {
                terms.add(doubled + (firstLimb + i) + " * " + a + (firstLimb + k - i));
            }
            if (k % 2 == 0) {
                terms.add(a + (firstLimb + k / 2) + " * " + a + (firstLimb + k / 2));
            }
            return terms;
        };
    }

    /**
     * Declares c0..c30. The low product's columns from 8 on are kept apart as l8..l14, and the high product's as
     * h0..h14, because the middle columns subtract them before the high ones are added at 2^384.
     */
    static void write(HalfProduct low, HalfProduct high, HalfProduct middle, UnrolledCode code) {
        for (int k = 0; k < HALF_COLUMNS; k++) {
            code.sum("long " + lowColumn(k) + " = " + String.join(" + ", low.column(k)) + ";");
        }
        for (int k = 0; k < HALF_COLUMNS; k++) {
            code.sum("long h" + k + " = " + String.join(" + ", high.column(k)) + ";");
        }
        for (int k = HALF; k < COLUMNS; k++) {
            code.sum("long c" + k + " = " + upperColumn(k, middle) + ";");
        }
    }

    /** Column k from 8 on: what the low, middle and high products put there. */
    private static String upperColumn(int k, HalfProduct middle) {
        List<String> summands = new ArrayList<>();
        if (k < HALF_COLUMNS) {
            summands.add(lowColumn(k));
        }
        int middleColumn = k - HALF;
        boolean inMiddle = middleColumn < HALF_COLUMNS;
        if (inMiddle) {
            summands.addAll(middle.column(middleColumn));
        }
        int highColumn = k - 2 * HALF;
        if (highColumn >= 0 && highColumn < HALF_COLUMNS) {
            summands.add("h" + highColumn);
        }
        String column = String.join(" + ", summands);
        return inMiddle ? column + " - " + lowColumn(middleColumn) + " - h" + middleColumn : column;
    }

    /** The low product's column k: c0..c7 are final columns of the product, l8..l14 are not. */
    private static String lowColumn(int k) {
        return (k < HALF ? "c" : "l") + k;
    }
}
