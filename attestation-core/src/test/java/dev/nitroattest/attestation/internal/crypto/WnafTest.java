package dev.nitroattest.attestation.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.bouncycastle.math.raw.Nat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The wNAF recodings give back their scalar, with odd bounded digits at least w apart. */
@DisplayName("wNAF recoding")
class WnafTest {
    @Test
    @DisplayName("384-bit scalars and 48-bit parts recode correctly at every width from 2 to 8")
    void recodesCorrectly() {
        Random random = new Random(48);
        for (int width = 2; width <= 8; width++) {
            for (int i = 0; i < 300; i++) {
                BigInteger scalar = i == 0 ? BigInteger.ZERO : i == 1 ? BigInteger.ONE.shiftLeft(384).subtract(BigInteger.ONE)
                        : new BigInteger(384, random);
                byte[] digits = new byte[386];
                int length = Wnaf.recode(Nat.fromBigInteger(384, scalar), 0, 12, width, digits);
                assertValid(scalar, digits, length, width);

                long part = ScalarMultiplication.part48(Nat.fromBigInteger(384, scalar), i % 8);
                assertEquals(scalar.shiftRight(48 * (i % 8)).and(BigInteger.ONE.shiftLeft(48).subtract(BigInteger.ONE))
                        .longValueExact(), part);
                byte[] partDigits = new byte[50];
                assertValid(BigInteger.valueOf(part), partDigits, Wnaf.recode(part, width, partDigits), width);
            }
        }
    }

    @Test
    @DisplayName("widths whose digits do not fit a byte are refused")
    void widthBounded() {
        assertThrows(IllegalArgumentException.class, () -> Wnaf.recode(5L, 9, new byte[8]));
        assertThrows(IllegalArgumentException.class, () -> Wnaf.recode(new int[12], 0, 12, 1, new byte[386]));
    }

    private static void assertValid(BigInteger scalar, byte[] digits, int length, int width) {
        BigInteger sum = BigInteger.ZERO;
        int lastNonZero = -width;
        for (int i = 0; i < length; i++) {
            int digit = digits[i];
            if (digit != 0) {
                assertTrue((digit & 1) != 0 && Math.abs(digit) < (1 << (width - 1)), "digit " + digit);
                assertTrue(i - lastNonZero >= width, "non-zero digits closer than the width");
                lastNonZero = i;
            }
            sum = sum.add(BigInteger.valueOf(digit).shiftLeft(i));
        }
        assertEquals(scalar, sum);
    }
}
