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

    @Test
    @DisplayName("adding Jacobian points matches Bouncy Castle: sums, R + R, R + (-R) (infinity) and infinity + P")
    void jacobianAddition() {
        FieldWorkspace w = new FieldWorkspace();
        ECPoint expected = G.multiply(BigInteger.valueOf(9));
        load(w, expected);
        JacobianTable table = JacobianTable.oddMultiples(BcP384.affine(G.multiply(BigInteger.valueOf(11)))[0],
                BcP384.affine(G.multiply(BigInteger.valueOf(11)))[1], 5);
        for (int step = 0; step < 30; step++) {
            JacobianArithmetic.twice(w);
            expected = expected.twice();
            int index = step % 8;
            boolean negate = step % 3 == 0;
            JacobianArithmetic.addJacobian(w, table, index, negate);
            ECPoint addend = G.multiply(BigInteger.valueOf(11L * (2 * index + 1)));
            expected = negate ? expected.subtract(addend) : expected.add(addend);
            assertReduced(w.x);
            assertReduced(w.y);
            assertReduced(w.z);
        }
        assertSame(expected, w);

        // 66G + 198G, both with Z other than 1 (the table entry from a doubling and an addition).
        load(w, G.multiply(BigInteger.valueOf(33)));
        JacobianArithmetic.twice(w);
        JacobianTable sixtySix = JacobianTable.oddMultiples(BcP384.affine(G.multiply(BigInteger.valueOf(66)))[0],
                BcP384.affine(G.multiply(BigInteger.valueOf(66)))[1], 3);
        JacobianArithmetic.addJacobian(w, sixtySix, 1, false);
        assertSame(G.multiply(BigInteger.valueOf(66 * 3 + 66)), w);

        load(w, G.multiply(BigInteger.valueOf(198)));
        JacobianArithmetic.addJacobian(w, sixtySix, 1, false);
        assertSame(G.multiply(BigInteger.valueOf(396)), w, "R + R, with R's Z 1 and the addend's not");
        JacobianArithmetic.addJacobian(w, sixtySix, 1, true);
        assertSame(G.multiply(BigInteger.valueOf(198)), w);
        load(w, G.multiply(BigInteger.valueOf(198)));
        JacobianArithmetic.twice(w);
        JacobianArithmetic.addJacobian(w, sixtySix, 1, false);
        JacobianArithmetic.addJacobian(w, sixtySix, 1, false);
        assertSame(G.multiply(BigInteger.valueOf(792)), w);
        load(w, G.multiply(BigInteger.valueOf(198)));
        JacobianArithmetic.addJacobian(w, sixtySix, 1, true);
        assertTrue(w.infinity, "R - R");
        JacobianArithmetic.addJacobian(w, sixtySix, 1, true);
        assertSame(G.multiply(BigInteger.valueOf(198)).negate(), w, "infinity + P");
    }

    @Test
    @DisplayName("the Jacobian table of a key used once holds P, 3P, 5P, ... with their Z^2 and Z^3")
    void jacobianTable() {
        ECPoint point = G.multiply(BigInteger.valueOf(1234567));
        int[][] affine = BcP384.affine(point);
        JacobianTable table = JacobianTable.oddMultiples(affine[0], affine[1], 5);
        FieldWorkspace w = new FieldWorkspace();
        for (int index = 0; index < 8; index++) {
            table.copyPoint(index, w);
            BigInteger z = P384Field.toBigInteger(w.pz);
            assertEquals(z.pow(2).mod(P), P384Field.toBigInteger(w.pzz));
            assertEquals(z.pow(3).mod(P), P384Field.toBigInteger(w.pzzz));
            System.arraycopy(w.px, 0, w.x, 0, FieldWorkspace.LIMBS);
            System.arraycopy(w.py, 0, w.y, 0, FieldWorkspace.LIMBS);
            System.arraycopy(w.pz, 0, w.z, 0, FieldWorkspace.LIMBS);
            w.infinity = false;
            assertSame(point.multiply(BigInteger.valueOf(2L * index + 1)), w);
        }
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
        assertSame(expected, w, "");
    }

    private static void assertSame(ECPoint expected, FieldWorkspace w, String what) {
        assertFalse(w.infinity, what);
        ECPoint normalized = expected.normalize();
        BigInteger z = P384Field.toBigInteger(w.z);
        BigInteger zInverse = z.modInverse(P);
        BigInteger x = P384Field.toBigInteger(w.x).multiply(zInverse.pow(2)).mod(P);
        BigInteger y = P384Field.toBigInteger(w.y).multiply(zInverse.pow(3)).mod(P);
        assertEquals(normalized.getAffineXCoord().toBigInteger(), x, what);
        assertEquals(normalized.getAffineYCoord().toBigInteger(), y, what);
    }

    private static void assertReduced(int[] element) {
        assertTrue(P384Field.toBigInteger(element).compareTo(P) < 0, "a field element was left unreduced");
    }
}
