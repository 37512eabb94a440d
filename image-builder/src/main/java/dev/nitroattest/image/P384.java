package dev.nitroattest.image;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * ECDSA on P-384 with SHA-384 through Bouncy Castle's lightweight API (no provider is registered), with the nonce
 * of RFC 6979 (HMAC-SHA-384 over the key and the digest): the same key and message always give the same signature,
 * so that a signed image is as reproducible as an unsigned one. nitro-cli signs with OpenSSL's random nonces; either
 * signature verifies the same way.
 *
 * <p>This is the build tool's signer and the project's only production P-384 signer: it signs with a customer's
 * private key. The project's other signer, the test kit's {@code EcKeyPair}, is for tests and the dev tools such as
 * the emulated NSM (keys derived from seed strings, in the testdata module, which no production jar depends on).
 * The verifier only verifies, with attestation-core's own P-384.
 */
final class P384 {
    /** Bytes of a coordinate, of r and of s. */
    static final int LENGTH = 48;
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp384r1");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE.getCurve(), CURVE.getG(),
            CURVE.getN(), CURVE.getH());

    private P384() {
    }

    static BigInteger order() {
        return DOMAIN.getN();
    }

    /** The public point of a private scalar, uncompressed: 04 || X || Y. */
    static byte[] publicPoint(BigInteger scalar) {
        return DOMAIN.getG().multiply(scalar).normalize().getEncoded(false);
    }

    /** r || s, each 48 bytes big-endian (COSE's form), for a message's SHA-384 digest. */
    static byte[] signDigest(BigInteger scalar, byte[] sha384) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA384Digest()));
        signer.init(true, new ECPrivateKeyParameters(scalar, DOMAIN));
        BigInteger[] rs = signer.generateSignature(sha384);
        byte[] signature = new byte[2 * LENGTH];
        place(rs[0], signature, 0);
        place(rs[1], signature, LENGTH);
        return signature;
    }

    private static void place(BigInteger value, byte[] target, int offset) {
        byte[] bytes = value.toByteArray();
        // toByteArray may add a leading zero for the sign, or be shorter than 48 bytes.
        int length = Math.min(bytes.length, LENGTH);
        System.arraycopy(bytes, bytes.length - length, target, offset + LENGTH - length, length);
    }
}
