package dev.nitroattest.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What opening costs and spends: the blinded private operation, and the envelope size read at all. */
class RecipientKeyTest {

    /**
     * Bouncy Castle's plain RSAEngine never touches a random source when decrypting; RSABlindedEngine draws a fresh
     * blinding factor from it for each private operation. So the random source is used by opening iff it is blinded.
     */
    @ParameterizedTest
    @EnumSource(SecretFormat.class)
    void eachPrivateOperationDrawsABlindingFactor(SecretFormat format) throws Exception {
        CountingRandom random = new CountingRandom(Enclaves.seeded("blinded enclave " + format));
        RecipientKey key = RecipientKey.generate(2048, random);
        byte[] secret = "opened under blinding".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] envelope = SecretSealer.withRandom(Enclaves.seeded("sealer"))
                .seal(Enclaves.verifiedWith(key.publicKey().toByteArray()), secret, format);
        for (int open = 1; open <= 3; open++) {
            long before = random.bytesDrawn.get();
            assertArrayEquals(secret, key.open(envelope));
            assertTrue(random.bytesDrawn.get() >= before + 2048 / 8,
                    "open " + open + " drew " + (random.bytesDrawn.get() - before) + " random bytes");
        }
    }

    @ParameterizedTest
    @EnumSource(SecretFormat.class)
    void theLargestSecretASealerWritesStillOpens(SecretFormat format) throws Exception {
        byte[] secret = new byte[SecretSealer.MAX_SECRET_LENGTH];
        Arrays.fill(secret, (byte) 0x3c);
        byte[] envelope = Enclaves.sealed(secret, format);
        assertTrue(envelope.length <= RecipientKey.MAX_ENVELOPE_LENGTH, envelope.length + " bytes");
        assertArrayEquals(secret, Enclaves.ENCLAVE.open(envelope));
    }

    /** Refused on its length alone: the bytes are not even a structure. */
    @ParameterizedTest
    @EnumSource(SecretFormat.class)
    void anEnvelopeLongerThanTheCapIsRefusedBeforeParsing(SecretFormat format) throws Exception {
        byte[] sealed = Enclaves.sealed(new byte[16], format);
        byte[] oversized = Arrays.copyOf(sealed, RecipientKey.MAX_ENVELOPE_LENGTH + 1);
        SecretRefusedException refused = assertThrows(SecretRefusedException.class,
                () -> Enclaves.ENCLAVE.open(oversized));
        assertEquals(SecretRefusal.TOO_LARGE, refused.reason(), refused.getMessage());
        assertEquals(SecretRefusal.TOO_LARGE, assertThrows(SecretRefusedException.class,
                () -> Enclaves.ENCLAVE.openAuthenticated(oversized)).reason());
        assertEquals(SecretRefusal.TOO_LARGE, assertThrows(SecretRefusedException.class,
                () -> Enclaves.ENCLAVE.open(new byte[64 << 20])).reason());
    }

    /** Counts the bytes drawn from a random source it passes on to. */
    private static final class CountingRandom extends SecureRandom {
        private final SecureRandom source;
        final AtomicLong bytesDrawn = new AtomicLong();

        CountingRandom(SecureRandom source) {
            this.source = source;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            bytesDrawn.addAndGet(bytes.length);
            source.nextBytes(bytes);
        }

        @Override
        public int nextInt() {
            bytesDrawn.addAndGet(Integer.BYTES);
            return source.nextInt();
        }

        @Override
        public byte[] generateSeed(int length) {
            bytesDrawn.addAndGet(length);
            return source.generateSeed(length);
        }
    }
}
