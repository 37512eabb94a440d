package dev.nitroattest.kms.emulated.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The emulator's ciphertext blob, opaque to callers as KMS's is: a version byte, the key's id, a 12-byte nonce and
 * AES-256-GCM of the plaintext under the key's material. The version, the key id and the encryption context (its
 * entries sorted, each length-prefixed) are the authenticated data, so a blob moved to another key or context, or
 * altered anywhere, does not open. It is not KMS's format, which is undocumented; nothing outside the emulator reads
 * it.
 */
public final class CiphertextBlob {
    private static final byte VERSION = 1;
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final int MAX_KEY_ID_LENGTH = 255;

    private CiphertextBlob() {}

    /** Seals a plaintext under a key's 32-byte material. */
    public static byte[] seal(String keyId, byte[] material, byte[] plaintext, Map<String, String> context,
            SecureRandom random) {
        byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
        if (id.length > MAX_KEY_ID_LENGTH) {
            throw new IllegalArgumentException("a key id of over 255 bytes");
        }
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        byte[] header = ByteBuffer.allocate(2 + id.length).put(VERSION).put((byte) id.length).put(id).array();
        byte[] sealed = gcm(Cipher.ENCRYPT_MODE, material, nonce, aad(header, context), plaintext);
        return ByteBuffer.allocate(header.length + NONCE_LENGTH + sealed.length).put(header).put(nonce).put(sealed)
                .array();
    }

    /** The id of the key a blob names, or empty when it is not a blob of ours. */
    public static Optional<String> keyId(byte[] blob) {
        if (blob.length < 2 || blob[0] != VERSION) {
            return Optional.empty();
        }
        int idLength = blob[1] & 0xff;
        if (blob.length < 2 + idLength + NONCE_LENGTH + TAG_BITS / 8) {
            return Optional.empty();
        }
        return Optional.of(new String(blob, 2, idLength, StandardCharsets.UTF_8));
    }

    /** Opens a blob under its key's material, or returns empty when it was altered or the context differs. */
    public static Optional<byte[]> open(byte[] blob, byte[] material, Map<String, String> context) {
        if (keyId(blob).isEmpty()) {
            return Optional.empty();
        }
        int headerLength = 2 + (blob[1] & 0xff);
        byte[] header = Arrays.copyOf(blob, headerLength);
        byte[] nonce = Arrays.copyOfRange(blob, headerLength, headerLength + NONCE_LENGTH);
        byte[] sealed = Arrays.copyOfRange(blob, headerLength + NONCE_LENGTH, blob.length);
        try {
            return Optional.of(gcm(Cipher.DECRYPT_MODE, material, nonce, aad(header, context), sealed));
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof AEADBadTagException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static byte[] aad(byte[] header, Map<String, String> context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        SortedMap<String, String> sorted = new TreeMap<>(context);
        for (Map.Entry<String, String> entry : sorted.entrySet()) {
            lengthPrefixed(out, entry.getKey());
            lengthPrefixed(out, entry.getValue());
        }
        return out.toByteArray();
    }

    private static void lengthPrefixed(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static byte[] gcm(int mode, byte[] material, byte[] nonce, byte[] aad, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(material, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            // Only a wrong tag can happen here: the algorithm, key length and nonce are fixed.
            throw new IllegalStateException(e);
        }
    }
}
