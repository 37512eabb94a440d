package dev.nitroattest.attestation.internal.chain;

import dev.nitroattest.attestation.internal.CertificatePosition;
import dev.nitroattest.attestation.internal.crypto.P384PublicKey;
import dev.nitroattest.text.PrintableText;
import java.math.BigInteger;
import java.time.Instant;

/**
 * A certificate of the profile, decoded: P-384 key, ecdsa-with-SHA384 signature, no unknown critical
 * extension. Its signature has not been checked yet.
 *
 * @param label how sentences name it: "cabundle[2]" or "The leaf certificate", with its subject; rejections take
 *     their location from the certificate's place in the chain, never from this text
 * @param subjectDer the exact DER of the subject name, for issuer/subject chaining
 * @param issuerDer the exact DER of the issuer name
 * @param tbsDigest SHA-384 of the TBSCertificate exactly as received
 * @param isCa basicConstraints cA
 * @param basicConstraintsCritical whether basicConstraints is present and marked critical
 * @param pathLength basicConstraints pathLenConstraint, or -1 when there is none
 * @param keyUsage the keyUsage bits ({@link KeyUsageBit}'s layout), or -1 when the extension is absent
 */
public record DecodedCertificate(
        String label,
        CertificateFields info,
        byte[] subjectDer,
        byte[] issuerDer,
        P384PublicKey publicKey,
        byte[] tbsDigest,
        BigInteger signatureR,
        BigInteger signatureS,
        boolean isCa,
        boolean basicConstraintsCritical,
        int pathLength,
        int keyUsage) {

    /** The same certificate named for another position, as when a cached decoding serves another document. */
    DecodedCertificate at(CertificatePosition position) {
        String named = position.name() + " (" + PrintableText.fromCertificate(info.subject()) + ")";
        return named.equals(label) ? this : new DecodedCertificate(named, info, subjectDer, issuerDer, publicKey,
                tbsDigest, signatureR, signatureS, isCa, basicConstraintsCritical, pathLength, keyUsage);
    }

    public boolean hasKeyUsage(int usage) {
        return keyUsage != -1 && (keyUsage & usage) == usage;
    }

    public Instant notBefore() {
        return info.notBefore();
    }

    public Instant notAfter() {
        return info.notAfter();
    }
}
