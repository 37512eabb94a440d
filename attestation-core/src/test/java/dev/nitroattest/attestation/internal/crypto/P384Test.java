package dev.nitroattest.attestation.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The curve's constants written out in the library are Bouncy Castle's named curve secp384r1, value for value. */
class P384Test {
    @Test
    void isBouncyCastlesNamedCurveSecp384r1() {
        assertEquals(BcP384.P, P384.P);
        assertEquals(BcP384.NAMED.getCurve().getA().toBigInteger(), P384.P.subtract(BigInteger.valueOf(3)));
        assertEquals(BcP384.NAMED.getCurve().getB().toBigInteger(), P384Field.toBigInteger(P384.B));
        assertArrayEquals(BcP384.G.getEncoded(false), P384.generatorEncoded());
        assertArrayEquals(BcP384.affine(BcP384.G)[0], P384.GX);
        assertArrayEquals(BcP384.affine(BcP384.G)[1], P384.GY);
        assertEquals(BcP384.NAMED.getN(), P384.N);
        assertEquals(BigInteger.ONE, BcP384.NAMED.getH(), "cofactor 1: every point on the curve is in the group");
    }
}
