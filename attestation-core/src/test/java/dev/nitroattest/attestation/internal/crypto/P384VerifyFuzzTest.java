package dev.nitroattest.attestation.internal.crypto;

import static dev.nitroattest.attestation.internal.crypto.EcdsaReference.N;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.nitroattest.attestation.internal.crypto.EcdsaReference.Case;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Property: for any key, digest and signature, {@link P384PublicKey#verifyDigest} gives Bouncy Castle's verdict,
 * on every use of a key (the first two take the first-use path, later ones the split tables). In the normal
 * build this replays the seed corpus in {@code P384VerifyFuzzTestInputs/verifyDigest}; {@code JAZZER_FUZZ=1}
 * fuzzes (see attestation-core/README.md).
 *
 * <p>The input is read as: one mode byte, then 48-byte fields (missing bytes read as zero) for the private key
 * scalar, the digest, and two values A and B. Mode 0 takes A and B as r and s as they are, so that zero and
 * oversized components occur; mode 1 signs the digest with nonce A and adds B's first two bytes (signed) to r
 * and s, so that valid signatures and their neighbours occur; mode 2 builds the signature for which
 * verification computes A G + B Q, so that the fuzzer can steer the point arithmetic into its exceptional cases.
 */
class P384VerifyFuzzTest {
    private static final int FIELD = 48;
    private static final int USES = 4;

    @FuzzTest(maxDuration = "5m")
    void verifyDigest(byte[] input) {
        BigInteger d = unsigned(input, 0).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        byte[] digest = Arrays.copyOf(field(input, 1), FIELD);
        BigInteger a = unsigned(input, 2);
        BigInteger b = unsigned(input, 3);
        EcdsaReference reference = EcdsaReference.ofPrivateKey(d);
        Case c = switch (input.length == 0 ? 0 : Byte.toUnsignedInt(input[0]) % 3) {
            case 0 -> new Case(digest, a, b, false);
            case 1 -> perturbed(d, digest, a, field(input, 3));
            default -> reference.withProducts(a, b, BigInteger.ONE);
        };
        if (c == null) {
            return;
        }
        boolean expected = reference.verifies(c.digest(), c.r(), c.s());
        P384PublicKey key = reference.freshKey(false);
        for (int use = 0; use < USES; use++) {
            assertEquals(expected, key.verifyDigest(c.digest(), c.r(), c.s()), "use " + use);
        }
        if (P384.isValidSignatureComponent(c.r()) && P384.isValidSignatureComponent(c.s())) {
            assertTrue(key.hasSplitTables(), "the later uses took the split tables");
        }
    }

    private static Case perturbed(BigInteger d, byte[] digest, BigInteger nonce, byte[] deltas) {
        BigInteger k = nonce.mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        BigInteger[] signature = EcdsaReference.sign(d, k, digest);
        if (signature == null) {
            return null;
        }
        BigInteger r = signature[0].add(BigInteger.valueOf(deltas.length > 0 ? deltas[0] : 0));
        BigInteger s = signature[1].add(BigInteger.valueOf(deltas.length > 1 ? deltas[1] : 0));
        return new Case(digest, r, s, false);
    }

    /** The bytes of field {@code index} (0-based, after the mode byte); shorter or empty at the input's end. */
    private static byte[] field(byte[] input, int index) {
        int from = Math.min(input.length, 1 + index * FIELD);
        int to = Math.min(input.length, from + FIELD);
        return Arrays.copyOfRange(input, from, to);
    }

    private static BigInteger unsigned(byte[] input, int index) {
        return new BigInteger(1, Arrays.copyOf(field(input, index), FIELD));
    }
}
