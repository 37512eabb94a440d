package dev.nitroattest.nsm.emulated;

import dev.nitroattest.nsm.NsmEmulationException;
import dev.nitroattest.testkit.EcCurve;
import dev.nitroattest.testkit.EcKeyPair;
import dev.nitroattest.testkit.Pem;
import dev.nitroattest.text.PemText;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** Signs with a fixed P-384 key and certificate chain read from PEM files; nothing is renewed. */
public final class FileAuthority implements EmulatedAuthority {
    private final SigningCredentials credentials;

    private FileAuthority(SigningCredentials credentials) {
        this.credentials = credentials;
    }

    static FileAuthority load(Path privateKeyFile, Path chainFile) throws NsmEmulationException {
        EcKeyPair key = readKey(privateKeyFile);
        List<byte[]> chain = new ArrayList<>();
        List<Certificate> parsed = new ArrayList<>();
        for (PemText.Block block : PemFiles.read(chainFile, "certificate chain")) {
            if (!block.label().equals("CERTIFICATE")) {
                throw new NsmEmulationException("The certificate chain file " + chainFile + " holds a \""
                        + block.label() + "\" block; it should hold only certificates.");
            }
            byte[] der = block.content();
            parsed.add(parseCertificate(der, chainFile));
            chain.add(der);
        }
        if (chain.size() < 2) {
            throw new NsmEmulationException("The certificate chain file " + chainFile + " holds " + chain.size()
                    + " certificate; it needs the leaf first and at least the root after it.");
        }
        Certificate leaf = parsed.get(0);
        Certificate root = parsed.get(parsed.size() - 1);
        if (!root.getSubject().equals(root.getIssuer())) {
            throw new NsmEmulationException("The last certificate in " + chainFile + " is not self-signed; put the "
                    + "leaf first and the root last.");
        }
        if (!key.hasPublicKey(leaf.getSubjectPublicKeyInfo().getPublicKeyData().getBytes())) {
            throw new NsmEmulationException("The first certificate in " + chainFile + " is not the certificate of "
                    + "the key in " + privateKeyFile + "; the leaf that matches the key must come first.");
        }
        List<byte[]> cabundle = new ArrayList<>(chain.subList(1, chain.size()));
        Collections.reverse(cabundle);
        return new FileAuthority(new SigningCredentials(key, chain.get(0), cabundle,
                leaf.getStartDate().getDate().toInstant(), leaf.getEndDate().getDate().toInstant()));
    }

    @Override
    public byte[] rootCertificateDer() {
        return credentials.cabundle().get(0).clone();
    }

    @Override
    public String rootCertificatePem() {
        return Pem.certificate(credentials.cabundle().get(0));
    }

    @Override
    public SigningCredentials credentialsAt(Instant now) {
        return credentials;
    }

    /** The leaf certificate's validity ends here; later documents will not verify. */
    public Instant leafNotAfter() {
        return credentials.leafNotAfter();
    }

    private static EcKeyPair readKey(Path file) throws NsmEmulationException {
        PemText.Block block = PemFiles.read(file, "private key").get(0);
        try {
            ECPrivateKey key;
            ASN1Encodable curve;
            switch (block.label()) {
                case "PRIVATE KEY" -> {
                    PrivateKeyInfo info = PrivateKeyInfo.getInstance(block.content());
                    if (!X9ObjectIdentifiers.id_ecPublicKey.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
                        throw new NsmEmulationException("The private key in " + file + " is not an EC key; the "
                                + "NSM signs with P-384.");
                    }
                    curve = info.getPrivateKeyAlgorithm().getParameters();
                    key = ECPrivateKey.getInstance(info.parsePrivateKey());
                }
                case "EC PRIVATE KEY" -> {
                    key = ECPrivateKey.getInstance(block.content());
                    curve = key.getParametersObject();
                }
                default -> throw new NsmEmulationException("The private key file " + file + " holds a \""
                        + block.label() + "\" block; it should hold a \"PRIVATE KEY\" or \"EC PRIVATE KEY\".");
            }
            if (!(curve instanceof ASN1ObjectIdentifier oid) || !SECObjectIdentifiers.secp384r1.equals(oid)) {
                throw new NsmEmulationException("The private key in " + file + " is not on P-384 (secp384r1), the "
                        + "only curve the NSM uses.");
            }
            BigInteger scalar = key.getKey();
            return EcKeyPair.of(EcCurve.P384, scalar);
        } catch (RuntimeException | java.io.IOException e) {
            throw new NsmEmulationException("The private key in " + file + " cannot be decoded.");
        }
    }

    private static Certificate parseCertificate(byte[] der, Path file) throws NsmEmulationException {
        try {
            return Certificate.getInstance(der);
        } catch (RuntimeException e) {
            throw new NsmEmulationException("The certificate chain file " + file + " holds a certificate that "
                    + "cannot be decoded.");
        }
    }
}
