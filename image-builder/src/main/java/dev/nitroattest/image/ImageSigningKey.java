package dev.nitroattest.image;

import dev.nitroattest.image.ImageBuildException.Reason;
import dev.nitroattest.text.PemText;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The certificate and private key an image is signed with, as nitro-cli's {@code --signing-certificate} and
 * {@code --private-key} take them: the certificate in PEM (one {@code CERTIFICATE} block alone, holding exactly one
 * certificate's DER; the signature section carries the PEM text as it was given) and its EC P-384 private key in
 * PEM, SEC1 ({@code EC PRIVATE KEY}, as {@code openssl ecparam -genkey} writes it) or unencrypted PKCS#8
 * ({@code PRIVATE KEY}). The key must be the certificate's. PCR8 measures the certificate's DER.
 * {@link #toString()} never shows the key.
 */
public final class ImageSigningKey {
    private static final String CERTIFICATE_BLOCK = "CERTIFICATE";
    private static final String SEC1_BLOCK = "EC PRIVATE KEY";
    private static final String PKCS8_BLOCK = "PRIVATE KEY";
    private static final int MAX_PEM_FILE = 64 * 1024;

    private final byte[] certificatePem;
    private final byte[] certificateDer;
    private final String subject;
    private final BigInteger privateScalar;

    private ImageSigningKey(byte[] certificatePem, byte[] certificateDer, String subject, BigInteger privateScalar) {
        this.certificatePem = certificatePem;
        this.certificateDer = certificateDer;
        this.subject = subject;
        this.privateScalar = privateScalar;
    }

    /**
     * Reads and checks a certificate and its private key.
     *
     * @throws ImageBuildException if a file is missing or unreadable ({@code MISSING_INPUT}, {@code UNREADABLE_INPUT}),
     *     or is not a PEM certificate, not an unencrypted P-384 private key in PEM, or not the key of that certificate
     *     ({@code INVALID_INPUT})
     */
    public static ImageSigningKey fromPemFiles(Path certificate, Path privateKey) throws ImageBuildException {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        byte[] pem = read(certificate);
        CertificateDer parsed = certificate(pem, certificate);
        byte[] publicPoint = p384PublicPoint(parsed.der(), certificate);
        BigInteger scalar = privateScalar(new String(read(privateKey), StandardCharsets.US_ASCII), privateKey);
        if (!Arrays.equals(publicPoint, P384.publicPoint(scalar))) {
            throw new ImageBuildException(Reason.INVALID_INPUT, privateKey + " is not the private key of the "
                    + "certificate in " + certificate + "; give the key the certificate was issued for.");
        }
        return new ImageSigningKey(pem, parsed.der(), parsed.subject(), scalar);
    }

    /** The certificate file's bytes, as the signature section carries them (nitro-cli stores the PEM as given). */
    byte[] certificatePem() {
        return certificatePem.clone();
    }

    /** The certificate's DER, which PCR8 measures. */
    public byte[] certificateDer() {
        return certificateDer.clone();
    }

    BigInteger privateScalar() {
        return privateScalar;
    }

    /** The certificate's subject; the key is never shown. */
    @Override
    public String toString() {
        return "ImageSigningKey[" + subject + "]";
    }

    /**
     * At most {@code MAX_PEM_FILE} bytes of a regular file: a device such as /dev/zero or a FIFO would otherwise be
     * read without end or wait for a writer.
     */
    private static byte[] read(Path file) throws ImageBuildException {
        try {
            if (!Files.readAttributes(file, BasicFileAttributes.class).isRegularFile()) {
                throw new ImageBuildException(Reason.INVALID_INPUT, file + " is not a regular file; give the path of "
                        + "the PEM file itself.");
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] content = in.readNBytes(MAX_PEM_FILE + 1);
                if (content.length > MAX_PEM_FILE) {
                    throw new ImageBuildException(Reason.INVALID_INPUT, file + " is larger than 64 KiB, which a PEM "
                            + "certificate or key never is; check the path.");
                }
                return content;
            }
        } catch (IOException e) {
            throw ApplicationRoot.unreadable(file, e);
        }
    }

    /**
     * The one certificate of the file, as core's reader takes it (the DER of its one {@code CERTIFICATE} block,
     * through the same PEM reader), so the PCR8 the builder prints is the PCR8 the reader computes. The DER must be
     * exactly the certificate's encoding: the JDK's certificate factory also takes a PKCS#7 bundle or a BER encoding
     * and answers with a certificate whose DER differs from the block's bytes, which PCR8 measures.
     */
    private static CertificateDer certificate(byte[] pem, Path file) throws ImageBuildException {
        String text = new String(pem, StandardCharsets.US_ASCII);
        if (!PemText.containsBlock(text, CERTIFICATE_BLOCK)) {
            throw new ImageBuildException(Reason.INVALID_INPUT, file + " is not a PEM certificate (no BEGIN "
                    + "CERTIFICATE line); give the signing certificate in PEM, as nitro-cli takes it.");
        }
        List<PemText.Block> blocks;
        try {
            blocks = PemText.blocks(text);
        } catch (PemText.Malformed e) {
            throw new ImageBuildException(Reason.INVALID_INPUT, file + "'s PEM block " + e.getMessage()
                    + "; give the signing certificate in PEM, as openssl writes it.");
        }
        long certificates = blocks.stream().filter(b -> b.label().equals(CERTIFICATE_BLOCK)).count();
        if (certificates != 1) {
            throw new ImageBuildException(Reason.INVALID_INPUT, file + " holds " + certificates
                    + " certificates; give the signing certificate alone, since PCR8 measures exactly one.");
        }
        if (blocks.size() != 1) {
            throw new ImageBuildException(Reason.INVALID_INPUT, file + " holds a PEM block other than the "
                    + "certificate; give a file holding the signing certificate alone.");
        }
        byte[] der = blocks.get(0).content();
        X509Certificate parsed;
        byte[] encoded;
        try {
            parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            encoded = parsed.getEncoded();
        } catch (CertificateException | RuntimeException e) {
            throw new ImageBuildException(Reason.INVALID_INPUT, file + " does not hold a readable X.509 certificate ("
                    + e.getMessage() + "); give the signing certificate in PEM.", e);
        }
        if (!Arrays.equals(der, encoded)) {
            throw new ImageBuildException(Reason.INVALID_INPUT, file + "'s CERTIFICATE block is not one certificate "
                    + "in DER (a PKCS#7 bundle, a BER encoding or trailing bytes); give the certificate as openssl "
                    + "x509 writes it.");
        }
        return new CertificateDer(der, parsed.getSubjectX500Principal().getName());
    }

    /** A certificate's exact DER and its subject. */
    private record CertificateDer(byte[] der, String subject) {
    }

    private static byte[] p384PublicPoint(byte[] certificateDer, Path file) throws ImageBuildException {
        SubjectPublicKeyInfo info;
        try {
            info = org.bouncycastle.asn1.x509.Certificate.getInstance(certificateDer).getSubjectPublicKeyInfo();
        } catch (RuntimeException e) {
            throw new ImageBuildException(Reason.INVALID_INPUT, file + "'s public key cannot be read; give a "
                    + "certificate for an EC P-384 key.", e);
        }
        if (!isP384(info.getAlgorithm())) {
            throw new ImageBuildException(Reason.INVALID_INPUT, file + " is not a certificate for an EC P-384 key; "
                    + "sign with a P-384 key (openssl ecparam -name secp384r1 -genkey).");
        }
        return info.getPublicKeyData().getOctets();
    }

    private static boolean isP384(AlgorithmIdentifier algorithm) {
        return X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
                && SECObjectIdentifiers.secp384r1.equals(algorithm.getParameters());
    }

    private static BigInteger privateScalar(String pem, Path file) throws ImageBuildException {
        if (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || pem.contains("Proc-Type: 4,ENCRYPTED")) {
            throw new ImageBuildException(Reason.INVALID_INPUT, file + " is an encrypted private key; give it "
                    + "decrypted (openssl pkey -in KEY -out PLAIN), as nitro-cli needs it too.");
        }
        ECPrivateKey key;
        ASN1ObjectIdentifier curve;
        try {
            byte[] sec1 = block(pem, SEC1_BLOCK);
            if (sec1 != null) {
                key = ECPrivateKey.getInstance(sec1);
                curve = key.getParametersObject() == null ? SECObjectIdentifiers.secp384r1
                        : ASN1ObjectIdentifier.getInstance(key.getParametersObject());
            } else {
                byte[] pkcs8 = block(pem, PKCS8_BLOCK);
                if (pkcs8 == null) {
                    throw new ImageBuildException(Reason.INVALID_INPUT, file + " holds no PEM private key (no "
                            + "BEGIN EC PRIVATE KEY or BEGIN PRIVATE KEY line); give the certificate's key in PEM.");
                }
                PrivateKeyInfo info = PrivateKeyInfo.getInstance(pkcs8);
                if (!isP384(info.getPrivateKeyAlgorithm())) {
                    throw new ImageBuildException(Reason.INVALID_INPUT, file + " is not an EC P-384 private key; sign "
                            + "with a P-384 key (openssl ecparam -name secp384r1 -genkey).");
                }
                key = ECPrivateKey.getInstance(info.parsePrivateKey());
                curve = SECObjectIdentifiers.secp384r1;
            }
        } catch (IOException | PemText.Malformed | RuntimeException e) {
            throw new ImageBuildException(Reason.INVALID_INPUT, file + " is not a well-formed PEM private key; give "
                    + "the certificate's key as openssl writes it.", e);
        }
        if (!SECObjectIdentifiers.secp384r1.equals(curve)) {
            throw new ImageBuildException(Reason.INVALID_INPUT, file + " is not an EC P-384 private key; sign with a "
                    + "P-384 key (openssl ecparam -name secp384r1 -genkey).");
        }
        BigInteger scalar = key.getKey();
        if (scalar.signum() <= 0 || scalar.compareTo(P384.order()) >= 0) {
            throw new ImageBuildException(Reason.INVALID_INPUT, file + " holds a private key outside the P-384 "
                    + "range; give a valid key.");
        }
        return scalar;
    }

    /** The DER of the first PEM block of this label, or null if there is none. */
    private static byte[] block(String pem, String label) throws PemText.Malformed {
        List<byte[]> contents = PemText.contents(pem, label);
        return contents.isEmpty() ? null : contents.get(0);
    }
}
