package dev.nitroattest.attestation.internal.crypto;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A decoded, validated P-384 public key that verifies ECDSA signatures over SHA-384 digests. Immutable
 * for callers and thread-safe. Keep and reuse it: from its third use on it verifies with precomputed
 * tables of its multiples (about 16 KB, built once for about the cost of three verifications), which makes
 * each later verification more than twice as fast. The AWS Nitro Enclaves Root G1's key has them from its first use:
 * the build made them ({@link BuiltTables}).
 *
 * <p>Verification allocates a few kilobytes (one workspace, digit arrays, the scalar arithmetic), not the
 * hundreds of kilobytes of a general-purpose elliptic-curve implementation, because the point arithmetic
 * works in place on this package's P-384 field arithmetic ({@link P384Field}).
 */
public final class P384PublicKey {
    private final byte[] encoded;
    private final int[][] affine;
    /** Tables are built on this use: a key used once or twice (a new leaf) is not worth them. */
    private static final int USES_BEFORE_TABLES = 2;
    /** The length of a SHA-384 digest, which is also n's: the digest is the integer e as it is. */
    public static final int DIGEST_LENGTH = 48;

    /** Set on the third use; racing threads may both build them, and either result is the same. */
    private volatile AffineTable[] splitTables;
    private volatile int uses;

    private P384PublicKey(byte[] encoded, int[][] affine) {
        this.encoded = encoded;
        this.affine = affine;
    }

    /**
     * Decodes an SEC 1 encoded point (uncompressed or compressed), validated as {@link P384Point} says.
     *
     * @throws IllegalArgumentException if the bytes are not a point on P-384 other than infinity
     */
    public static P384PublicKey fromEncodedPoint(byte[] encodedPoint) {
        int[][] affine = P384Point.decode(encodedPoint);
        byte[] encoded = P384Point.encodeUncompressed(affine[0], affine[1]);
        P384PublicKey key = new P384PublicKey(encoded, affine);
        if (Arrays.equals(encoded, BuiltTables.AWS_ROOT_G1_KEY)) {
            // The AWS root verifies the first certificate of every real chain: its tables come with the library.
            key.splitTables = BuiltTables.read(BuiltTables.AWS_ROOT_G1_KEY_FILE, encoded,
                    ScalarMultiplication.REUSED_KEY_WIDTH, affine);
        }
        return key;
    }

    /** The split tables of the key's point, computed: what the build writes for the AWS root's key. */
    AffineTable[] computedSplitTables() {
        return ScalarMultiplication.splitTables(affine, ScalarMultiplication.REUSED_KEY_WIDTH);
    }

    /**
     * Verifies an ECDSA signature (r, s) over a SHA-384 digest. Returns false for a digest that is not 48 bytes and
     * for components outside [1, n-1], without doing any arithmetic.
     */
    public boolean verifyDigest(byte[] sha384Digest, BigInteger r, BigInteger s) {
        // ECDSA would take a longer digest's leftmost 384 bits; reading all of it would verify another equation.
        if (sha384Digest.length != DIGEST_LENGTH) {
            return false;
        }
        if (!P384.isValidSignatureComponent(r) || !P384.isValidSignatureComponent(s)) {
            return false;
        }
        BigInteger sInverse = s.modInverse(P384.N);
        BigInteger u1 = new BigInteger(1, sha384Digest).multiply(sInverse).mod(P384.N);
        BigInteger u2 = r.multiply(sInverse).mod(P384.N);

        FieldWorkspace w = new FieldWorkspace();
        ScalarMultiplication.sumOfProducts(w, u1, u2, affine, tablesForThisUse());
        if (w.infinity) {
            return false;
        }
        // x(R) mod n = r where x(R) < p < 2n: x(R) is r or r + n. Each is checked as X = x Z^2 in R's Jacobian
        // coordinates, which needs no inversion.
        if (JacobianArithmetic.hasAffineX(w, P384Field.fromBigInteger(r))) {
            return true;
        }
        BigInteger rPlusN = r.add(P384.N);
        return rPlusN.compareTo(P384.P) < 0 && JacobianArithmetic.hasAffineX(w, P384Field.fromBigInteger(rPlusN));
    }

    private AffineTable[] tablesForThisUse() {
        AffineTable[] tables = splitTables;
        if (tables == null) {
            if (uses >= USES_BEFORE_TABLES) {
                tables = ScalarMultiplication.splitTables(affine, ScalarMultiplication.REUSED_KEY_WIDTH);
                splitTables = tables;
            } else {
                // A lost increment under contention only delays the tables by one use.
                uses++;
            }
        }
        return tables;
    }

    /** Whether verifications now take the split-table path; package-private so that tests can prove they cover both. */
    boolean hasSplitTables() {
        return splitTables != null;
    }

    /** The uncompressed encoding 04 || X || Y. */
    public byte[] encoded() {
        return encoded.clone();
    }
}
