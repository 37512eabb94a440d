package dev.nitroattest.tls.enclave.internal;

import static dev.nitroattest.tls.enclave.internal.DerWriter.element;
import static dev.nitroattest.tls.enclave.internal.DerWriter.integer;
import static dev.nitroattest.tls.enclave.internal.DerWriter.sequence;

import dev.nitroattest.tls.AttestationExtension;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Writes the enclave's self-signed certificate: version 3, a random positive 128-bit serial, ecdsa-with-SHA384, the
 * same name as issuer and subject, the key pair's SubjectPublicKeyInfo exactly as the JDK encodes it (the bytes the
 * NSM was given as public_key) and one extension, the attestation document, not critical. Nothing else: the document
 * is the identity, so key usages and names would add nothing a client of this format reads.
 */
public final class AttestedCertificateWriter {
    /** AlgorithmIdentifier ecdsa-with-SHA384 (1.2.840.10045.4.3.3), no parameters (RFC 5758). */
    private static final byte[] ECDSA_WITH_SHA384 = HexFormat.of().parseHex("300a06082a8648ce3d040303");
    /** The attribute type commonName (2.5.4.3). */
    private static final byte[] COMMON_NAME = HexFormat.of().parseHex("0603550403");
    private static final SecureRandom RANDOM = new SecureRandom();

    private AttestedCertificateWriter() {
    }

    /**
     * The certificate for this key pair carrying this document.
     *
     * @param keys the enclave's P-384 key pair; its public key's encoding is the document's public_key
     * @param commonName the subject's and issuer's CN
     * @param notBefore the start of validity (whole seconds are written)
     * @param notAfter the end of validity (whole seconds are written)
     * @param document the attestation document from the NSM
     * @return the parsed certificate
     * @throws GeneralSecurityException if the JDK cannot sign with or parse what was written
     */
    public static X509Certificate write(KeyPair keys, String commonName, Instant notBefore, Instant notAfter,
            byte[] document) throws GeneralSecurityException {
        byte[] name = sequence(element(0x31, sequence(COMMON_NAME, DerWriter.utf8(commonName))));
        byte[] serial = new byte[16];
        RANDOM.nextBytes(serial);
        byte[] extension = sequence(element(0x06, AttestationExtension.oidContent()),
                element(0x04, AttestationExtension.value(document)));
        byte[] tbs = sequence(
                element(0xa0, integer(BigInteger.TWO)),
                integer(new BigInteger(1, serial)),
                ECDSA_WITH_SHA384,
                name,
                sequence(DerWriter.time(notBefore), DerWriter.time(notAfter)),
                name,
                keys.getPublic().getEncoded(),
                element(0xa3, sequence(extension)));
        Signature signer = Signature.getInstance("SHA384withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(tbs);
        byte[] signature = signer.sign();
        byte[] bitString = new byte[signature.length + 1];
        System.arraycopy(signature, 0, bitString, 1, signature.length);
        byte[] der = sequence(tbs, ECDSA_WITH_SHA384, element(0x03, bitString));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }
}
