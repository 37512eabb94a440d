package dev.nitroattest.secrets.internal;

import java.util.Arrays;

/** Cipher output buffers, which hold plaintext or keys: trimmed to what was written, and wiped when let go. */
final class Buffers {
    private Buffers() {}

    /**
     * The first {@code length} bytes of a cipher's output buffer: the buffer itself when it is full, else a copy,
     * with the buffer wiped, since the cipher may have left plaintext beyond what it reported.
     */
    static byte[] exact(byte[] output, int length) {
        if (length == output.length) {
            return output;
        }
        byte[] exact = Arrays.copyOf(output, length);
        Arrays.fill(output, (byte) 0);
        return exact;
    }
}
