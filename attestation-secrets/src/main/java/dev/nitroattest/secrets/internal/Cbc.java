package dev.nitroattest.secrets.internal;

import java.util.Arrays;
import org.bouncycastle.crypto.BufferedBlockCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * KMS's form's content cipher through Bouncy Castle's lightweight API: AES-256-CBC with PKCS#7 padding and a 16-byte
 * IV. It has no integrity: only the padding can be found wrong.
 */
public final class Cbc {
    /** The IV length: AES's block. */
    public static final int IV_LENGTH = 16;

    private Cbc() {
    }

    /** Encrypts {@code plaintext} under a 32-byte key. */
    public static byte[] encrypt(byte[] contentKey, byte[] iv, byte[] plaintext) {
        try {
            return run(true, contentKey, iv, plaintext);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("encryption with padding does not fail", e);
        }
    }

    /** The plaintext, or null when the padding is wrong (a wrong key or damaged content). */
    public static byte[] decrypt(byte[] contentKey, byte[] iv, byte[] ciphertext) {
        try {
            return run(false, contentKey, iv, ciphertext);
        } catch (InvalidCipherTextException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] run(boolean encrypt, byte[] key, byte[] iv, byte[] input) throws InvalidCipherTextException {
        BufferedBlockCipher cipher = new PaddedBufferedBlockCipher(CBCBlockCipher.newInstance(AESEngine.newInstance()),
                new PKCS7Padding());
        cipher.init(encrypt, new ParametersWithIV(new KeyParameter(key), iv));
        byte[] output = new byte[cipher.getOutputSize(input.length)];
        try {
            int length = cipher.processBytes(input, 0, input.length, output, 0);
            length += cipher.doFinal(output, length);
            return Buffers.exact(output, length);
        } catch (InvalidCipherTextException | RuntimeException e) {
            // Wrong padding: the blocks decrypted so far are plaintext, or what a wrong key made of it.
            Arrays.fill(output, (byte) 0);
            throw e;
        }
    }
}
