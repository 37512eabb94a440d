package dev.nitroattest.attestation.internal.chain;

import java.math.BigInteger;
import java.time.Instant;

/**
 * What a decoded certificate reports about itself; the public layer presents it as a {@code CertificateInfo}.
 *
 * @param subject the subject distinguished name, RFC 4514 style
 * @param issuer the issuer distinguished name, RFC 4514 style
 * @param serialNumber the serial number
 * @param notBefore the start of validity
 * @param notAfter the end of validity
 * @param der the exact DER that was decoded; owned by this value and never modified
 */
public record CertificateFields(
        String subject, String issuer, BigInteger serialNumber, Instant notBefore, Instant notAfter, byte[] der) {
}
