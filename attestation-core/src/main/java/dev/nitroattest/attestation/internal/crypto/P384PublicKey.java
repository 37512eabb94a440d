package dev.nitroattest.attestation.internal.crypto;

import java.math.BigInteger;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A decoded, validated P-384 public key that verifies ECDSA signatures over SHA-384 digests. Immutable and
 * thread-safe; keep and reuse it, because Bouncy Castle attaches precomputed multiples to the point the
 * first times it is used, which makes later verifications with the same key markedly faster.
 */
public final class P384PublicKey {
    private final ECPublicKeyParameters parameters;

    private P384PublicKey(ECPublicKeyParameters parameters) {
        this.parameters = parameters;
    }

    /**
     * Decodes an SEC 1 encoded point (uncompressed or compressed).
     *
     * @throws IllegalArgumentException if the bytes are not a point on P-384 other than infinity
     */
    public static P384PublicKey fromEncodedPoint(byte[] encoded) {
        ECPoint point;
        try {
            point = P384.DOMAIN.getCurve().decodePoint(encoded);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a point on P-384", e);
        }
        if (point.isInfinity() || !point.isValid()) {
            throw new IllegalArgumentException("not a valid P-384 public key point");
        }
        return new P384PublicKey(new ECPublicKeyParameters(point.normalize(), P384.DOMAIN));
    }

    /**
     * Verifies an ECDSA signature (r, s) over a SHA-384 digest. Returns false for components outside
     * [1, n-1] without doing any arithmetic.
     */
    public boolean verifyDigest(byte[] sha384Digest, BigInteger r, BigInteger s) {
        if (!P384.isValidSignatureComponent(r) || !P384.isValidSignatureComponent(s)) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, parameters);
        return verifier.verifySignature(sha384Digest, r, s);
    }

    /** The uncompressed encoding 04 || X || Y. */
    public byte[] encoded() {
        return parameters.getQ().getEncoded(false);
    }
}
