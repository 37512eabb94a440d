package dev.nitroattest.attestation.internal;

import java.util.Arrays;

/**
 * Bytes as a map key, compared byte for byte, so that no re-encoding or hash collision can alias two certificates or
 * keys in a cache. Holds the array it is given, which the caller must not change afterwards.
 */
public final class ExactBytes {
    private final byte[] bytes;
    private final int hash;

    /**
     * A key for these bytes.
     *
     * @param bytes kept as they are, not copied
     */
    public ExactBytes(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExactBytes that && hash == that.hash && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
