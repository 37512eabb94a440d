package dev.nitroattest.attestation.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Doubling and mixed addition against Bouncy Castle's point arithmetic, including the exceptional cases. */
@DisplayName("Jacobian point arithmetic")
class JacobianArithmeticTest {
    private static final ECPoint G = BcP384.G;
    private static final BigInteger P = BcP384.P;

    @Test
    @DisplayName("a sequence of doublings and additions matches Bouncy Castle, with every value reduced below p")
    void matchesBouncyCastle() {
        ECPoint expected = G.multiply(BigInteger.valueOf(5));
        FieldWorkspace w = new FieldWorkspace();
        load(w, expected);
        JacobianArithmetic.addAffine(w);
        expected = expected.add(expected);
        ECPoint addend = G.multiply(BigInteger.valueOf(77)).normalize();
        for (int step = 0; step < 40; step++) {
            JacobianArithmetic.twice(w);
            expected = expected.twice();
            setAddend(w, addend);
            JacobianArithmetic.addAffine(w);
            expected = expected.add(addend);
            assertReduced(w.x);
            assertReduced(w.y);
            assertReduced(w.z);
        }
        assertSame(expected, w);
    }

    @Test
    @DisplayName("R + R doubles, R + (-R) is infinity, infinity + P is P, and doubling infinity stays infinity")
    void exceptionalCases() {
        ECPoint point = G.multiply(BigInteger.valueOf(31)).normalize();
        FieldWorkspace w = new FieldWorkspace();
        load(w, point);
        setAddend(w, point);
        JacobianArithmetic.addAffine(w);
        assertSame(point.twice(), w);

        load(w, point);
        setAddend(w, point.negate().normalize());
        JacobianArithmetic.addAffine(w);
        assertTrue(w.infinity);
        JacobianArithmetic.twice(w);
        assertTrue(w.infinity);

        setAddend(w, point);
        JacobianArithmetic.addAffine(w);
        assertFalse(w.infinity);
        assertSame(point, w);
    }

    @Test
    @DisplayName("a non-affine accumulator equal to the addend is detected as equal")
    void equalityInJacobianForm() {
        ECPoint point = G.multiply(BigInteger.valueOf(6)).normalize();
        FieldWorkspace w = new FieldWorkspace();
        load(w, G.multiply(BigInteger.valueOf(3)).normalize());
        JacobianArithmetic.twice(w);
        setAddend(w, point);
        JacobianArithmetic.addAffine(w);
        assertSame(point.twice(), w);
    }

    private static void load(FieldWorkspace w, ECPoint point) {
        w.infinity = true;
        setAddend(w, point);
        JacobianArithmetic.addAffine(w);
    }

    private static void setAddend(FieldWorkspace w, ECPoint point) {
        int[][] affine = BcP384.affine(point);
        System.arraycopy(affine[0], 0, w.px, 0, FieldWorkspace.LIMBS);
        System.arraycopy(affine[1], 0, w.py, 0, FieldWorkspace.LIMBS);
    }

    private static void assertSame(ECPoint expected, FieldWorkspace w) {
        assertFalse(w.infinity);
        ECPoint normalized = expected.normalize();
        BigInteger z = P384Field.toBigInteger(w.z);
        BigInteger zInverse = z.modInverse(P);
        BigInteger x = P384Field.toBigInteger(w.x).multiply(zInverse.pow(2)).mod(P);
        BigInteger y = P384Field.toBigInteger(w.y).multiply(zInverse.pow(3)).mod(P);
        assertEquals(normalized.getAffineXCoord().toBigInteger(), x);
        assertEquals(normalized.getAffineYCoord().toBigInteger(), y);
    }

    private static void assertReduced(int[] element) {
        assertTrue(P384Field.toBigInteger(element).compareTo(P) < 0, "a field element was left unreduced");
    }
}
