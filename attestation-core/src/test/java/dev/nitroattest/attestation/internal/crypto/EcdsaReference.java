package dev.nitroattest.attestation.internal.crypto;

import java.math.BigInteger;
import java.util.Random;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Bouncy Castle's general-purpose ECDSA, the reference the in-place verification is checked against, and ways to
 * make P-384 signatures with chosen properties for a key whose private scalar (when known) is given.
 */
final class EcdsaReference {
    static final BigInteger N = P384.N;
    static final ECPoint G = BcP384.G;

    /** A digest, a signature over it, and whether the signature is valid for the key it was made for. */
    record Case(byte[] digest, BigInteger r, BigInteger s, boolean valid) {
    }

    private final ECPoint publicPoint;
    private final ECDSASigner verifier = new ECDSASigner();

    EcdsaReference(ECPoint publicPoint) {
        this.publicPoint = publicPoint.normalize();
        verifier.init(false, new ECPublicKeyParameters(this.publicPoint, BcP384.DOMAIN));
    }

    static EcdsaReference ofPrivateKey(BigInteger d) {
        return new EcdsaReference(timesG(d));
    }

    ECPoint publicPoint() {
        return publicPoint;
    }

    /** A fresh instance of the key under test, which verifies its first uses without tables. */
    P384PublicKey freshKey(boolean compressed) {
        return P384PublicKey.fromEncodedPoint(publicPoint.getEncoded(compressed));
    }

    /** An instance of the key under test that has been used enough to verify with its split tables. */
    P384PublicKey reusedKey() {
        P384PublicKey key = freshKey(false);
        byte[] digest = new byte[48];
        while (!key.hasSplitTables()) {
            key.verifyDigest(digest, BigInteger.ONE, BigInteger.ONE);
        }
        return key;
    }

    /** Bouncy Castle's verdict. */
    boolean verifies(byte[] digest, BigInteger r, BigInteger s) {
        return verifier.verifySignature(digest, r, s);
    }

    /** The ECDSA signature of {@code digest} by private key {@code d} with nonce {@code k}, or null if r or s is 0. */
    static BigInteger[] sign(BigInteger d, BigInteger k, byte[] digest) {
        BigInteger r = timesG(k).normalize().getAffineXCoord().toBigInteger().mod(N);
        BigInteger s = k.modInverse(N).multiply(new BigInteger(1, digest).add(r.multiply(d))).mod(N);
        return r.signum() == 0 || s.signum() == 0 ? null : new BigInteger[] {r, s};
    }

    /**
     * A signature for which verification computes exactly u1 G + u2 Q: s = r / u2 and e = u1 s. When that sum
     * has an affine x, r is x mod n and the signature is valid; when it is the point at infinity no r can be
     * right, and {@code rAtInfinity} is used. Null when u2 is 0 modulo n or r would be 0.
     */
    Case withProducts(BigInteger u1, BigInteger u2, BigInteger rAtInfinity) {
        if (u2.mod(N).signum() == 0) {
            return null;
        }
        ECPoint sum = ECAlgorithms.sumOfTwoMultiplies(G, u1.mod(N), publicPoint, u2.mod(N)).normalize();
        BigInteger r = sum.isInfinity() ? rAtInfinity : sum.getAffineXCoord().toBigInteger().mod(N);
        if (r.signum() == 0) {
            return null;
        }
        BigInteger s = r.multiply(u2.mod(N).modInverse(N)).mod(N);
        BigInteger e = u1.multiply(s).mod(N);
        return new Case(fixed48(e), r, s, !sum.isInfinity());
    }

    /** k G with the multiplier Bouncy Castle signs with: much faster than the general one for a fixed point. */
    static ECPoint timesG(BigInteger k) {
        return new FixedPointCombMultiplier().multiply(G, k);
    }

    /** A uniformly drawn scalar in [1, n-1]. */
    static BigInteger scalar(Random random) {
        return new BigInteger(384, random).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE);
    }

    static byte[] fixed48(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[48];
        int length = Math.min(raw.length, 48);
        System.arraycopy(raw, raw.length - length, out, 48 - length, length);
        return out;
    }
}
