package dev.nitroattest.attestation.internal.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The DER signature value's decoder on its own: an empty value, for which Bouncy Castle's parser returns null rather
 * than throwing, is refused as empty with the decoder's own exception, not a NullPointerException that a caller
 * happens to catch.
 */
@DisplayName("DER ECDSA signature values")
class DerEcdsaSignatureTest {
    @Test
    @DisplayName("two DER integers are read; an empty value is refused as empty (IllegalArgumentException)")
    void emptyValueIsRefusedAsEmpty() {
        assertArrayEquals(new BigInteger[] {BigInteger.ONE, BigInteger.TWO},
                DerEcdsaSignature.components(HexFormat.of().parseHex("3006020101020102")));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> DerEcdsaSignature.components(new byte[0]));
        assertEquals("empty", empty.getMessage());
    }

    @Test
    @DisplayName("the same two integers in BER (an indefinite or a long-form length) are refused as not DER")
    void berIsRefusedAsNotDer() {
        for (String ber : new String[] {"3080020101020102" + "0000", "308106020101020102"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> DerEcdsaSignature.components(HexFormat.of().parseHex(ber)));
            assertEquals("not in DER", refused.getMessage(), ber);
        }
    }
}
