package dev.nitroattest.testkit;

import dev.nitroattest.testkit.internal.Digests;
import dev.nitroattest.testkit.internal.RawSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;

/**
 * An EC key pair derived from a seed string, so that tests get the same keys, certificates and signatures on
 * every run. Signatures are deterministic (RFC 6979) and never normalised to low-S, like the NSM's.
 * For tests only: the private scalar is as secret as the seed.
 */
public final class EcKeyPair {
    private final EcCurve curve;
    private final BigInteger privateScalar;
    private final ECDomainParameters domain;
    private final byte[] publicKeyUncompressed;

    private EcKeyPair(EcCurve curve, BigInteger privateScalar) {
        this.curve = curve;
        this.privateScalar = privateScalar;
        this.domain = new ECDomainParameters(curve.parameters());
        ECPoint publicPoint = domain.getG().multiply(privateScalar).normalize();
        this.publicKeyUncompressed = publicPoint.getEncoded(false);
    }

    /** The key pair whose private scalar is SHA-512(seed, UTF-8) reduced into [1, n-1]. */
    public static EcKeyPair derive(EcCurve curve, String seed) {
        Objects.requireNonNull(curve, "curve");
        byte[] hash = Digests.hash("SHA-512", seed.getBytes(StandardCharsets.UTF_8));
        BigInteger nMinusOne = curve.order().subtract(BigInteger.ONE);
        return new EcKeyPair(curve, new BigInteger(1, hash).mod(nMinusOne).add(BigInteger.ONE));
    }

    /**
     * The key pair of a private scalar from elsewhere, such as a key file of one's own.
     *
     * @throws IllegalArgumentException unless the scalar lies between 1 and n - 1
     */
    public static EcKeyPair of(EcCurve curve, BigInteger privateScalar) {
        Objects.requireNonNull(curve, "curve");
        if (privateScalar.signum() <= 0 || privateScalar.compareTo(curve.order()) >= 0) {
            throw new IllegalArgumentException("A private key on " + curve + " lies between 1 and n - 1.");
        }
        return new EcKeyPair(curve, privateScalar);
    }

    /** Whether an encoded public point, uncompressed or compressed, is this pair's public key. */
    public boolean hasPublicKey(byte[] encodedPoint) {
        try {
            return Arrays.equals(domain.getCurve().decodePoint(encodedPoint).normalize().getEncoded(false),
                    publicKeyUncompressed);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The curve the key lives on. */
    public EcCurve curve() {
        return curve;
    }

    /** The public point, uncompressed: 04 || X || Y. */
    public byte[] publicKeyUncompressed() {
        return publicKeyUncompressed.clone();
    }

    /** The DER SubjectPublicKeyInfo: id-ecPublicKey with the named-curve OID. */
    public byte[] subjectPublicKeyInfo() {
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(
                X9ObjectIdentifiers.id_ecPublicKey, new ASN1ObjectIdentifier(curve.oid()));
        try {
            return new SubjectPublicKeyInfo(algorithm, publicKeyUncompressed).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The private key as a JCA key of the JDK's default EC provider, for code under test that signs through JCA (a
     * JSSE key manager, a TLS server in a test).
     *
     * @return a new {@code PrivateKey} on this pair's named curve
     */
    public PrivateKey jcaPrivateKey() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(curve.oid()));
            return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(privateScalar,
                    parameters.getParameterSpec(ECParameterSpec.class)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK has no EC key for curve " + curve + ": " + e.getMessage(), e);
        }
    }

    /** The private scalar d. */
    public BigInteger privateScalar() {
        return privateScalar;
    }

    /** Signs a digest computed elsewhere; returns {r, s}. The nonce is RFC 6979's, keyed with the curve's hash. */
    public BigInteger[] signDigest(byte[] digest) {
        return sign(digest, curve.hashName());
    }

    /**
     * Hashes the message with the curve's hash and signs it; returns r || s, each left-padded to the coordinate
     * length (the COSE / IEEE P1363 form: 96 bytes on P-384).
     */
    public byte[] signRaw(byte[] message) {
        BigInteger[] rs = sign(Digests.hash(curve.hashName(), message), curve.hashName());
        return new RawSignature(rs[0], rs[1]).encode(curve.coordinateLength());
    }

    /**
     * Hashes the message with the named hash ("SHA-256", "SHA-384" or "SHA-512") and signs it; returns the DER
     * ECDSA-Sig-Value, the form X.509 certificate signatures take.
     */
    public byte[] signDer(byte[] message, String hashName) {
        BigInteger[] rs = sign(Digests.hash(hashName, message), hashName);
        return new RawSignature(rs[0], rs[1]).toDer();
    }

    private BigInteger[] sign(byte[] digest, String nonceHashName) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(Digests.newDigest(nonceHashName)));
        signer.init(true, new ECPrivateKeyParameters(privateScalar, domain));
        return signer.generateSignature(digest);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EcKeyPair that && curve == that.curve && privateScalar.equals(that.privateScalar);
    }

    @Override
    public int hashCode() {
        return Objects.hash(curve, privateScalar);
    }

    /** The curve and the public point only: the private scalar is never printed. */
    @Override
    public String toString() {
        return "EcKeyPair[" + curve + ", public=" + HexFormat.of().formatHex(publicKeyUncompressed) + "]";
    }
}
