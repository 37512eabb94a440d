package dev.nitroattest.attestation;

import dev.nitroattest.attestation.internal.chain.CertificateDecoder;
import dev.nitroattest.attestation.internal.crypto.P384PublicKey;
import dev.nitroattest.attestation.internal.crypto.Sha384;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The library's own ES384 primitive (ECDSA on P-384 with SHA-384), for two uses: checking what an enclave signed
 * with a P-384 key that a verified document vouches for, and measuring the primitive alone (the baseline of
 * {@code nitro-attest speed} and the benchmarks). It is a primitive: attestation documents are verified with
 * {@link AttestationVerifier}, which returns a verified result or throws, never with this class. Immutable and
 * thread-safe; keep and reuse a key, whose later verifications use precomputed tables.
 */
public final class Es384PublicKey {
    private static final int COMPONENT_LENGTH = 48;

    private final P384PublicKey key;

    private Es384PublicKey(P384PublicKey key) {
        this.key = key;
    }

    /**
     * A key from an SEC 1 encoded point, uncompressed or compressed.
     *
     * @throws IllegalArgumentException if the bytes are not a point on P-384 other than infinity
     */
    public static Es384PublicKey fromEncodedPoint(byte[] encodedPoint) {
        return new Es384PublicKey(P384PublicKey.fromEncodedPoint(Objects.requireNonNull(encodedPoint, "encodedPoint")));
    }

    /**
     * The key of a certificate from a validated chain, such as the leaf of
     * {@link VerifiedAttestation#certificateChain()}.
     *
     * @throws IllegalArgumentException if the certificate's key is not a P-384 point
     */
    public static Es384PublicKey of(CertificateInfo certificate) {
        try {
            return fromEncodedPoint(CertificateDecoder.publicKeyPoint(certificate.der().toByteArray()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the certificate has no P-384 public key", e);
        }
    }

    /**
     * Checks that {@code signature}, r and s as two 48-byte big-endian integers (the form COSE and JOSE use), is this
     * key's ES384 signature of {@code message}. Returns nothing: a signature that does not verify throws, so there is
     * no result to forget to look at.
     *
     * @throws InvalidSignatureException if the signature is not 96 bytes or is not this key's signature of the message
     */
    public void verify(byte[] message, byte[] signature) throws InvalidSignatureException {
        Objects.requireNonNull(message, "message");
        if (signature == null || signature.length != 2 * COMPONENT_LENGTH) {
            throw new InvalidSignatureException("The signature is " + (signature == null ? "missing" : signature.length
                    + " bytes long") + "; an ES384 signature is r and s, 48 bytes each.");
        }
        verifyDigest(sha384(message), new BigInteger(1, signature, 0, COMPONENT_LENGTH),
                new BigInteger(1, signature, COMPONENT_LENGTH, COMPONENT_LENGTH));
    }

    /**
     * Checks that (r, s) is this key's ECDSA signature of a SHA-384 digest; r or s outside [1, n-1] never is.
     *
     * @throws InvalidSignatureException if it is not, or if the digest is not 48 bytes
     */
    public void verifyDigest(byte[] sha384Digest, BigInteger r, BigInteger s) throws InvalidSignatureException {
        Objects.requireNonNull(sha384Digest, "sha384Digest");
        if (sha384Digest.length != P384PublicKey.DIGEST_LENGTH) {
            throw new InvalidSignatureException("The digest is " + sha384Digest.length + " bytes long; ES384 signs a"
                    + " SHA-384 digest of " + P384PublicKey.DIGEST_LENGTH + " bytes: pass that digest of the message.");
        }
        if (!key.verifyDigest(sha384Digest, r, s)) {
            throw new InvalidSignatureException(
                    "The signature is not this P-384 key's ES384 signature of the message.");
        }
    }

    private static byte[] sha384(byte[] message) {
        return Sha384.digest(message, 0, message.length);
    }
}
