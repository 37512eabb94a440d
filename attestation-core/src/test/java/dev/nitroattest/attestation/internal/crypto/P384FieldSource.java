package dev.nitroattest.attestation.internal.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A tool, not a test: writes {@code P384Field.java} into the source tree, the unrolled bodies of multiply, square,
 * add and subtract on 16 limbs of 24 bits (with {@link KaratsubaColumns} and {@link ModularReduction}) filled into
 * the hand-written rest of the class, its template {@code P384Field.java.template} (test resources, beside this
 * class), at the lines {@code @@multiply@@} and so on. Run it after a change to either, with the command in
 * attestation-core's README (Maven's exec:java on the test class path, whose argument is the source root);
 * {@code P384FieldSourceTest} fails until the committed file is what this writes, and {@code P384FieldTest} checks
 * the arithmetic against BigInteger.
 */
public final class P384FieldSource {
    static final String FILE = "dev/nitroattest/attestation/internal/crypto/P384Field.java";
    private static final String TEMPLATE = "P384Field.java.template";
    private static final int LIMBS = P384Field.LIMBS;
    private static final int HALF = KaratsubaColumns.HALF;

    private P384FieldSource() {
    }

    /** Writes P384Field.java under the source root given as the one argument (attestation-core/src/main/java). */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("Give the source root to write P384Field.java under, such as"
                    + " attestation-core/src/main/java (the command is in attestation-core's README).");
        }
        Files.writeString(Path.of(args[0], FILE), source(), StandardCharsets.UTF_8);
    }

    static String source() {
        String source = template();
        source = fill(source, "multiply", multiplyBody());
        source = fill(source, "square", squareBody());
        source = fill(source, "add", addBody());
        return fill(source, "subtract", subtractBody());
    }

    private static String multiplyBody() {
        UnrolledCode code = new UnrolledCode();
        load("x", code);
        load("y", code);
        code.line("// One level of Karatsuba on the halves: lo = x_lo y_lo, hi = x_hi y_hi, and the middle");
        code.line("// (x_lo + x_hi)(y_lo + y_hi) - lo - hi, whose columns are sums of products too (never negative).");
        code.packed(UnrolledCode.BODY, halfSums("sx", "x"));
        code.packed(UnrolledCode.BODY, halfSums("sy", "y"));
        KaratsubaColumns.write(KaratsubaColumns.product("x", "y", 0), KaratsubaColumns.product("x", "y", HALF),
                KaratsubaColumns.product("sx", "sy", 0), code);
        ModularReduction.reduceProduct(code);
        return code.text();
    }

    /**
     * As multiply, with the products squares. Each half's doubled limbs d_i = 2 x_i go with the limbs above them, so
     * the top limb of a half (x7, x15, sx7) is never doubled.
     */
    private static String squareBody() {
        UnrolledCode code = new UnrolledCode();
        load("x", code);
        code.line("// Karatsuba as in multiply, with the three products squares: x_lo^2, x_hi^2 and (x_lo + x_hi)^2.");
        code.packed(UnrolledCode.BODY, IntStream.range(0, LIMBS).filter(i -> i % HALF != HALF - 1)
                .mapToObj(i -> "long d" + i + " = x" + i + " << 1;").toList());
        code.packed(UnrolledCode.BODY, halfSums("sx", "x"));
        code.packed(UnrolledCode.BODY, IntStream.range(0, HALF - 1)
                .mapToObj(i -> "long ds" + i + " = sx" + i + " << 1;").toList());
        KaratsubaColumns.write(KaratsubaColumns.square("x", "d", 0), KaratsubaColumns.square("x", "d", HALF),
                KaratsubaColumns.square("sx", "ds", 0), code);
        ModularReduction.reduceProduct(code);
        return code.text();
    }

    /** Reduced x and y have a sum below 2p: carried, one conditional subtraction of p reduces it. */
    private static String addBody() {
        UnrolledCode code = limbByLimb("+");
        ModularReduction.subtractPIfReached(code);
        return code.text();
    }

    /** Reduced x and y have a difference above -p: carried, one conditional addition of p reduces it. */
    private static String subtractBody() {
        UnrolledCode code = limbByLimb("-");
        ModularReduction.addPIfNegative(code);
        return code.text();
    }

    /** c_k = x_k + y_k (or -), carried, with what leaves limb 15 (a carry or a borrow) in top. */
    private static UnrolledCode limbByLimb(String operator) {
        UnrolledCode code = new UnrolledCode();
        for (int k = 0; k < LIMBS; k++) {
            code.line("long c" + k + " = (long) x[" + k + "] " + operator + " y[" + k + "];");
        }
        ModularReduction.carry(LIMBS - 1, "long top", code);
        return code;
    }

    /** Copies the array's limbs into locals, which the unrolled code reads many times. */
    private static void load(String array, UnrolledCode code) {
        code.fourPerLine(UnrolledCode.BODY, IntStream.range(0, LIMBS)
                .mapToObj(i -> "long " + array + i + " = " + array + "[" + i + "];").toList());
    }

    /** The sums of the low and the high half's limbs, the middle product's factor. */
    private static List<String> halfSums(String sum, String limb) {
        return IntStream.range(0, HALF)
                .mapToObj(i -> "long " + sum + i + " = " + limb + i + " + " + limb + (i + HALF) + ";").toList();
    }

    private static String fill(String template, String method, String body) {
        String placeholder = "@@" + method + "@@";
        if (!template.contains(placeholder)) {
            throw new IllegalStateException(TEMPLATE + " has no line " + placeholder + " for " + method + "'s body");
        }
        return template.replace(placeholder, body);
    }

    private static String template() {
        try (InputStream in = P384FieldSource.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is not on the class path: run this on Maven's test class"
                        + " path, with the command in attestation-core's README");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
