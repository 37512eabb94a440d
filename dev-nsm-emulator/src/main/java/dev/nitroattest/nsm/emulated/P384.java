package dev.nitroattest.nsm.emulated;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;

/** ECDSA P-384 with SHA-384 through Bouncy Castle's lightweight API (no provider is registered anywhere). */
final class P384 {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("P-384");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE);
    private static final int COORDINATE_LENGTH = 48;

    private P384() {}

    static ECPrivateKeyParameters privateKey(BigInteger scalar) {
        if (scalar.signum() <= 0 || scalar.compareTo(CURVE.getN()) >= 0) {
            throw new IllegalArgumentException("A P-384 private key lies between 1 and n - 1.");
        }
        return new ECPrivateKeyParameters(scalar, DOMAIN);
    }

    /** Whether the encoded public point (uncompressed or compressed) belongs to this private key. */
    static boolean isPublicKeyOf(byte[] encodedPoint, ECPrivateKeyParameters key) {
        try {
            ECPoint point = CURVE.getCurve().decodePoint(encodedPoint);
            return point.equals(DOMAIN.getG().multiply(key.getD()).normalize());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The COSE form of the signature of SHA-384(message): r || s, 48 bytes each. Nonces follow RFC 6979. */
    static byte[] sign(ECPrivateKeyParameters key, byte[] message) {
        SHA384Digest digest = new SHA384Digest();
        digest.update(message, 0, message.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA384Digest()));
        signer.init(true, key);
        BigInteger[] rs = signer.generateSignature(hash);
        byte[] signature = new byte[2 * COORDINATE_LENGTH];
        copyFixed(rs[0], signature, 0);
        copyFixed(rs[1], signature, COORDINATE_LENGTH);
        return signature;
    }

    private static void copyFixed(BigInteger value, byte[] target, int offset) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, COORDINATE_LENGTH);
        System.arraycopy(bytes, bytes.length - length, target, offset + COORDINATE_LENGTH - length, length);
        Arrays.fill(target, offset, offset + COORDINATE_LENGTH - length, (byte) 0);
    }
}
