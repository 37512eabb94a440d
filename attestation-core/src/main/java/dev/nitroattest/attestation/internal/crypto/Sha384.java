package dev.nitroattest.attestation.internal.crypto;

import java.util.Arrays;

/**
 * SHA-384 (FIPS 180-4), written out here because every digest a verification computes is SHA-384 and the first
 * instance of either alternative is expensive in a short process: Bouncy Castle's digests check its
 * {@code CryptoServicesRegistrar} on construction, whose set-up reads the JDK's security properties and starts
 * {@code java.util.logging}, and the JDK's {@code MessageDigest} first loads its security providers; each cost a run
 * of the {@code nitro-attest} tool about 10 ms of its start (docs/performance.md, CLI start-up). Not thread-safe; an
 * instance digests one message.
 */
public final class Sha384 {
    /** The length of a digest in bytes. */
    public static final int LENGTH = 48;
    private static final int BLOCK = 128;
    /** The first 64 bits of the fractional parts of the cube roots of the first 80 primes. */
    private static final long[] K = {
            0x428a2f98d728ae22L, 0x7137449123ef65cdL, 0xb5c0fbcfec4d3b2fL, 0xe9b5dba58189dbbcL,
            0x3956c25bf348b538L, 0x59f111f1b605d019L, 0x923f82a4af194f9bL, 0xab1c5ed5da6d8118L,
            0xd807aa98a3030242L, 0x12835b0145706fbeL, 0x243185be4ee4b28cL, 0x550c7dc3d5ffb4e2L,
            0x72be5d74f27b896fL, 0x80deb1fe3b1696b1L, 0x9bdc06a725c71235L, 0xc19bf174cf692694L,
            0xe49b69c19ef14ad2L, 0xefbe4786384f25e3L, 0x0fc19dc68b8cd5b5L, 0x240ca1cc77ac9c65L,
            0x2de92c6f592b0275L, 0x4a7484aa6ea6e483L, 0x5cb0a9dcbd41fbd4L, 0x76f988da831153b5L,
            0x983e5152ee66dfabL, 0xa831c66d2db43210L, 0xb00327c898fb213fL, 0xbf597fc7beef0ee4L,
            0xc6e00bf33da88fc2L, 0xd5a79147930aa725L, 0x06ca6351e003826fL, 0x142929670a0e6e70L,
            0x27b70a8546d22ffcL, 0x2e1b21385c26c926L, 0x4d2c6dfc5ac42aedL, 0x53380d139d95b3dfL,
            0x650a73548baf63deL, 0x766a0abb3c77b2a8L, 0x81c2c92e47edaee6L, 0x92722c851482353bL,
            0xa2bfe8a14cf10364L, 0xa81a664bbc423001L, 0xc24b8b70d0f89791L, 0xc76c51a30654be30L,
            0xd192e819d6ef5218L, 0xd69906245565a910L, 0xf40e35855771202aL, 0x106aa07032bbd1b8L,
            0x19a4c116b8d2d0c8L, 0x1e376c085141ab53L, 0x2748774cdf8eeb99L, 0x34b0bcb5e19b48a8L,
            0x391c0cb3c5c95a63L, 0x4ed8aa4ae3418acbL, 0x5b9cca4f7763e373L, 0x682e6ff3d6b2b8a3L,
            0x748f82ee5defb2fcL, 0x78a5636f43172f60L, 0x84c87814a1f0ab72L, 0x8cc702081a6439ecL,
            0x90befffa23631e28L, 0xa4506cebde82bde9L, 0xbef9a3f7b2c67915L, 0xc67178f2e372532bL,
            0xca273eceea26619cL, 0xd186b8c721c0c207L, 0xeada7dd6cde0eb1eL, 0xf57d4f7fee6ed178L,
            0x06f067aa72176fbaL, 0x0a637dc5a2c898a6L, 0x113f9804bef90daeL, 0x1b710b35131c471bL,
            0x28db77f523047d84L, 0x32caab7b40c72493L, 0x3c9ebe0a15c9bebcL, 0x431d67c49c100d4cL,
            0x4cc5d4becb3e42b6L, 0x597f299cfc657e2aL, 0x5fcb6fab3ad6faecL, 0x6c44198c4a475817L
    };

    private final long[] state = {
        0xcbbb9d5dc1059ed8L, 0x629a292a367cd507L, 0x9159015a3070dd17L, 0x152fecd8f70e5939L,
        0x67332667ffc00b31L, 0x8eb44a8768581511L, 0xdb0c2e0d64f98fa7L, 0x47b5481dbefa4fa4L,
    };
    private final long[] schedule = new long[80];
    private final byte[] buffer = new byte[BLOCK];
    private int buffered;
    /** Bytes digested so far; a message of 2^61 bytes or more, far past what a verification reads, would wrap. */
    private long length;
    private boolean finished;

    /** SHA-384 of {@code length} bytes of {@code data} from {@code offset}. */
    public static byte[] digest(byte[] data, int offset, int length) {
        Sha384 sha384 = new Sha384();
        sha384.update(data, offset, length);
        return sha384.digest();
    }

    /** Adds {@code length} bytes of {@code data} from {@code offset} to the message. */
    public void update(byte[] data, int offset, int length) {
        if (finished) {
            throw new IllegalStateException("this digest is finished");
        }
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException("bytes " + offset + " to " + offset + "+" + length + " of "
                    + data.length);
        }
        this.length += length;
        int from = offset;
        int end = offset + length;
        if (buffered > 0) {
            int taken = Math.min(BLOCK - buffered, end - from);
            System.arraycopy(data, from, buffer, buffered, taken);
            buffered += taken;
            from += taken;
            if (buffered < BLOCK) {
                return;
            }
            compress(buffer, 0);
            buffered = 0;
        }
        for (; end - from >= BLOCK; from += BLOCK) {
            compress(data, from);
        }
        System.arraycopy(data, from, buffer, 0, end - from);
        buffered = end - from;
    }

    /** The digest of the message; the instance takes no more bytes after this. */
    public byte[] digest() {
        if (finished) {
            throw new IllegalStateException("this digest is finished");
        }
        finished = true;
        long bits = length << 3;
        buffer[buffered++] = (byte) 0x80;
        if (buffered > BLOCK - 16) {
            Arrays.fill(buffer, buffered, BLOCK, (byte) 0);
            compress(buffer, 0);
            buffered = 0;
        }
        // The length is a 128-bit number; its high 64 bits are 0 here (see the length field).
        Arrays.fill(buffer, buffered, BLOCK - 8, (byte) 0);
        for (int i = 0; i < 8; i++) {
            buffer[BLOCK - 1 - i] = (byte) (bits >>> (8 * i));
        }
        compress(buffer, 0);
        byte[] out = new byte[LENGTH];
        for (int word = 0; word < LENGTH / 8; word++) {
            for (int i = 0; i < 8; i++) {
                out[8 * word + i] = (byte) (state[word] >>> (56 - 8 * i));
            }
        }
        return out;
    }

    private void compress(byte[] block, int offset) {
        long[] w = schedule;
        for (int t = 0; t < 16; t++) {
            long word = 0;
            for (int i = 0; i < 8; i++) {
                word = (word << 8) | (block[offset + 8 * t + i] & 0xff);
            }
            w[t] = word;
        }
        for (int t = 16; t < 80; t++) {
            long x = w[t - 2];
            long y = w[t - 15];
            long sigma1 = Long.rotateRight(x, 19) ^ Long.rotateRight(x, 61) ^ (x >>> 6);
            long sigma0 = Long.rotateRight(y, 1) ^ Long.rotateRight(y, 8) ^ (y >>> 7);
            w[t] = sigma1 + w[t - 7] + sigma0 + w[t - 16];
        }
        long a = state[0];
        long b = state[1];
        long c = state[2];
        long d = state[3];
        long e = state[4];
        long f = state[5];
        long g = state[6];
        long h = state[7];
        for (int t = 0; t < 80; t++) {
            long sum1 = Long.rotateRight(e, 14) ^ Long.rotateRight(e, 18) ^ Long.rotateRight(e, 41);
            long choice = (e & f) ^ (~e & g);
            long t1 = h + sum1 + choice + K[t] + w[t];
            long sum0 = Long.rotateRight(a, 28) ^ Long.rotateRight(a, 34) ^ Long.rotateRight(a, 39);
            long majority = (a & b) ^ (a & c) ^ (b & c);
            long t2 = sum0 + majority;
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}
