package dev.nitroattest.attestation.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Random;
import org.bouncycastle.math.ec.custom.sec.SecP384R1Field;
import org.bouncycastle.math.raw.Nat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Field multiplication and squaring against BigInteger arithmetic modulo p, at the edges and at random. */
@DisplayName("P-384 field arithmetic")
class P384FieldTest {
    private static final BigInteger P = P384.DOMAIN.getCurve().getField().getCharacteristic();

    @Test
    @DisplayName("products and squares equal x y mod p and x^2 mod p, fully reduced")
    void matchesBigInteger() {
        Random random = new Random(384);
        BigInteger[] edges = {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, P.subtract(BigInteger.ONE),
            P.subtract(BigInteger.TWO), BigInteger.ONE.shiftLeft(192), BigInteger.ONE.shiftLeft(192).subtract(BigInteger.ONE),
            P.shiftRight(1)};
        FieldWorkspace w = new FieldWorkspace();
        for (int i = 0; i < 50_000; i++) {
            BigInteger a = i < edges.length * edges.length ? edges[i % edges.length] : new BigInteger(384, random).mod(P);
            BigInteger b = i < edges.length * edges.length ? edges[i / edges.length] : new BigInteger(384, random).mod(P);
            int[] x = SecP384R1Field.fromBigInteger(a);
            int[] y = SecP384R1Field.fromBigInteger(b);
            int[] z = new int[12];
            P384Field.multiply(x, y, z, w);
            assertEquals(a.multiply(b).mod(P), Nat.toBigInteger(12, z), () -> a + " * " + b);
            P384Field.square(x, z, w);
            assertEquals(a.multiply(a).mod(P), Nat.toBigInteger(12, z), () -> a + "^2");
            P384Field.multiply(x, y, x, w);
            assertEquals(a.multiply(b).mod(P), Nat.toBigInteger(12, x), "the output may alias an input");
        }
    }
}
