package dev.nitroattest.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The configuration checks of the builders, each at its boundary: the chain cache's size, the PCR index range of a
 * policy, a policy that pins nothing, and {@code accept}'s chaining for a second value of one PCR.
 */
@DisplayName("Builders: each configuration check at its boundary")
class BuilderChecksTest {
    private static final byte[] ZEROS = new byte[48];
    private static final byte[] ONES = filled((byte) 1);

    @Test
    @DisplayName("chainCacheSize(0) is accepted, chainCacheSize(-1) is refused")
    void chainCacheSizeCannotBeNegative() {
        Fixtures.verifierBuilder().chainCacheSize(0).build();
        VerifierConfigurationException refused = assertThrows(VerifierConfigurationException.class,
                () -> Fixtures.verifierBuilder().chainCacheSize(-1));
        assertEquals("The chain cache size cannot be negative; -1 was given.", refused.getMessage());
    }

    @Test
    @DisplayName("a policy pins PCR0 to PCR31: 31 is accepted, 32 and -1 are refused")
    void pcrIndexRangeIs0To31() {
        ExpectedPcrs.builder().accept(31, ZEROS).allowPinsWithoutImagePcrs().build();
        assertEquals("PCR index 32 is outside 0..31.", assertThrows(VerifierConfigurationException.class,
                () -> ExpectedPcrs.builder().accept(32, ZEROS)).getMessage());
        assertEquals("PCR index -1 is outside 0..31.", assertThrows(VerifierConfigurationException.class,
                () -> ExpectedPcrs.builder().accept(-1, ZEROS)).getMessage());
    }

    @Test
    @DisplayName("accept, of bytes or of hex, returns the builder, so a second value for one PCR chains")
    void acceptChainsASecondValue() {
        ExpectedPcrs pcrs = ExpectedPcrs.builder().accept(0, ZEROS).accept(0, ONES).build();
        assertEquals(2, pcrs.asMap().get(0).size());
        ExpectedPcrs fromHex = ExpectedPcrs.builder().accept(0, "00".repeat(48)).accept(0, "01".repeat(48)).build();
        assertEquals(pcrs.asMap(), fromHex.asMap());
    }

    @Test
    @DisplayName("a policy that pins nothing is refused, also when pins without image PCRs are allowed")
    void aPolicyPinsAtLeastOnePcr() {
        VerifierConfigurationException refused = assertThrows(VerifierConfigurationException.class,
                () -> ExpectedPcrs.builder().allowPinsWithoutImagePcrs().build());
        assertTrue(refused.getMessage().startsWith("An ExpectedPcrs policy must pin at least one PCR"),
                refused.getMessage());
    }

    private static byte[] filled(byte value) {
        byte[] bytes = new byte[48];
        java.util.Arrays.fill(bytes, value);
        return bytes;
    }
}
