package dev.nitroattest.secrets.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.encodings.OAEPEncoding;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;

/**
 * The recipient's key and its wrapping, shared by both forms, through Bouncy Castle's lightweight API (no provider
 * registered anywhere): RSA keys, and RSAES-OAEP with SHA-256, MGF1-SHA-256 and the empty label. The content
 * ciphers are {@link Cbc} (KMS's form) and {@link Gcm} (the authenticated form).
 *
 * <p>The private operation is blinded ({@link RSABlindedEngine}, with a fresh random factor from the caller's
 * {@link SecureRandom} for each operation): the parent carries envelopes by design, so it can make the enclave run
 * the private key on inputs of its choosing and time each run. Blinding makes the time independent of the input.
 */
public final class Rsa {
    /** The content key's length: AES-256's, in both forms. */
    public static final int CONTENT_KEY_LENGTH = 32;
    private static final BigInteger PUBLIC_EXPONENT = BigInteger.valueOf(65537);
    private static final AlgorithmIdentifier RSA_ENCRYPTION =
            new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE);

    private Rsa() {
    }

    /** A fresh key pair with e = 65537. */
    public static AsymmetricCipherKeyPair generate(int bits, SecureRandom random) {
        RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
        generator.init(new RSAKeyGenerationParameters(PUBLIC_EXPONENT, random, bits, 112));
        return generator.generateKeyPair();
    }

    /** The DER SubjectPublicKeyInfo of a public key (rsaEncryption with NULL parameters). */
    public static byte[] subjectPublicKeyInfo(RSAKeyParameters key) {
        try {
            return new SubjectPublicKeyInfo(RSA_ENCRYPTION, new RSAPublicKey(key.getModulus(), key.getExponent()))
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The RSA public key of a DER SubjectPublicKeyInfo, or null if it is not one of 2048 to 4096 bits with
     * rsaEncryption.
     */
    public static RSAKeyParameters publicKey(byte[] subjectPublicKeyInfo) {
        try {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(subjectPublicKeyInfo);
            if (!PKCSObjectIdentifiers.rsaEncryption.equals(info.getAlgorithm().getAlgorithm())) {
                return null;
            }
            RSAPublicKey key = RSAPublicKey.getInstance(info.parsePublicKey());
            int bits = key.getModulus().bitLength();
            if (bits < 2048 || bits > 4096) {
                return null;
            }
            return new RSAKeyParameters(false, key.getModulus(), key.getPublicExponent());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The content key wrapped for {@code key}. */
    public static byte[] wrap(RSAKeyParameters key, byte[] contentKey, SecureRandom random) {
        OAEPEncoding oaep = new OAEPEncoding(new RSABlindedEngine(), new SHA256Digest(), new SHA256Digest(),
                new byte[0]);
        oaep.init(true, new ParametersWithRandom(key, random));
        try {
            return oaep.processBlock(contentKey, 0, contentKey.length);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("a 32-byte key always fits RSAES-OAEP-SHA-256 with 2048 bits or more", e);
        }
    }

    /**
     * The unwrapped content key, or null when it does not unwrap (a wrong key or a damaged block).
     *
     * @param blinding draws the blinding factor of the private operation
     */
    public static byte[] unwrap(RSAKeyParameters privateKey, byte[] encryptedKey, SecureRandom blinding) {
        OAEPEncoding oaep = new OAEPEncoding(new RSABlindedEngine(), new SHA256Digest(), new SHA256Digest(),
                new byte[0]);
        oaep.init(false, new ParametersWithRandom(privateKey, blinding));
        try {
            return oaep.processBlock(encryptedKey, 0, encryptedKey.length);
        } catch (InvalidCipherTextException | RuntimeException e) {
            return null;
        }
    }
}
