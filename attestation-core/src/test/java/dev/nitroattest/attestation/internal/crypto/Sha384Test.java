package dev.nitroattest.attestation.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The in-house SHA-384 against FIPS 180-4's examples and the JDK's SHA-384 over every length across block ends. */
class Sha384Test {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void digestsTheStandardsExamples() {
        assertEquals("38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b",
                hex(""));
        assertEquals("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
                hex("abc"));
        assertEquals("09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039",
                hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
                        + "mnopqrstnopqrstu"));
    }

    @Test
    void agreesWithTheJdkOnEveryLengthUpToThreeBlocksAndAnySplit() throws NoSuchAlgorithmException {
        Random random = new Random(384);
        MessageDigest jdk = MessageDigest.getInstance("SHA-384");
        for (int length = 0; length <= 3 * 128 + 17; length++) {
            byte[] message = new byte[length + 10];
            random.nextBytes(message);
            byte[] expected = jdk.digest(Arrays.copyOfRange(message, 5, 5 + length));
            assertArrayEquals(expected, Sha384.digest(message, 5, length), "length " + length);

            Sha384 pieces = new Sha384();
            int from = 5;
            while (from < 5 + length) {
                int piece = Math.min(random.nextInt(140), 5 + length - from);
                pieces.update(message, from, piece);
                from += piece;
            }
            assertArrayEquals(expected, pieces.digest(), "length " + length + " in pieces");
        }
    }

    @Test
    void takesNoBytesAfterItsDigestNorBytesOutsideTheArray() {
        Sha384 digest = new Sha384();
        digest.update(new byte[3], 0, 3);
        assertThrows(IndexOutOfBoundsException.class, () -> digest.update(new byte[3], 2, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> digest.update(new byte[3], -1, 1));
        digest.digest();
        assertThrows(IllegalStateException.class, () -> digest.update(new byte[1], 0, 1));
        assertThrows(IllegalStateException.class, digest::digest);
    }

    private static String hex(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        return HEX.formatHex(Sha384.digest(bytes, 0, bytes.length));
    }
}
