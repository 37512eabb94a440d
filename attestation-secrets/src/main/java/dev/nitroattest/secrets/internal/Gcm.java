package dev.nitroattest.secrets.internal;

import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The authenticated form's content cipher through Bouncy Castle's lightweight API: AES-256-GCM with a 12-byte nonce,
 * a 16-byte tag and no additional authenticated data (the form has no authenticated attributes, and RFC 5083 feeds
 * the cipher nothing else).
 */
public final class Gcm {
    /** The nonce length: 12 bytes, GCM's native size (RFC 5084's aes-nonce). */
    public static final int NONCE_LENGTH = 12;
    /** The tag length: 16 bytes, GCM's full tag (RFC 5084's aes-ICVlen, written out since its DEFAULT is 12). */
    public static final int TAG_LENGTH = 16;

    private Gcm() {
    }

    /** The ciphertext and its tag, split as the form stores them (encryptedContent and mac). */
    public record Sealed(byte[] ciphertext, byte[] tag) {
    }

    /** Encrypts {@code plaintext} under a 32-byte key and a 12-byte nonce never used with that key before. */
    public static Sealed seal(byte[] contentKey, byte[] nonce, byte[] plaintext) {
        GCMModeCipher gcm = cipher(true, contentKey, nonce);
        byte[] output = new byte[gcm.getOutputSize(plaintext.length)];
        int length = gcm.processBytes(plaintext, 0, plaintext.length, output, 0);
        try {
            length += gcm.doFinal(output, length);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("GCM encryption does not check anything that could fail", e);
        }
        int textLength = length - TAG_LENGTH;
        return new Sealed(Arrays.copyOf(output, textLength), Arrays.copyOfRange(output, textLength, length));
    }

    /**
     * The plaintext, or null when the tag does not verify (altered ciphertext, nonce or tag, or another key). Nothing
     * decrypted is returned or left in memory before the tag has verified. Only a failed tag is caught: the lengths
     * are checked before, so anything else thrown here would be a defect, not a damaged envelope.
     */
    public static byte[] open(byte[] contentKey, byte[] nonce, byte[] ciphertext, byte[] tag) {
        GCMModeCipher gcm = cipher(false, contentKey, nonce);
        byte[] input = new byte[ciphertext.length + tag.length];
        System.arraycopy(ciphertext, 0, input, 0, ciphertext.length);
        System.arraycopy(tag, 0, input, ciphertext.length, tag.length);
        byte[] output = new byte[gcm.getOutputSize(input.length)];
        try {
            int length = gcm.processBytes(input, 0, input.length, output, 0);
            length += gcm.doFinal(output, length);
            return Buffers.exact(output, length);
        } catch (InvalidCipherTextException e) {
            Arrays.fill(output, (byte) 0);
            return null;
        }
    }

    private static GCMModeCipher cipher(boolean encrypt, byte[] key, byte[] nonce) {
        if (key.length != Rsa.CONTENT_KEY_LENGTH || nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("AES-256-GCM here takes a 32-byte key and a 12-byte nonce.");
        }
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(key), 8 * TAG_LENGTH, nonce));
        return gcm;
    }
}
