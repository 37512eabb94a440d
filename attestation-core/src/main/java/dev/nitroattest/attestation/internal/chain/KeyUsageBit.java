package dev.nitroattest.attestation.internal.chain;

/**
 * The keyUsage bits the verifier asks for (RFC 5280 4.2.1.3), in {@link DecodedCertificate#keyUsage()}'s layout: the
 * named bit list's first byte in the low byte, bit 0 (digitalSignature) as its most significant bit.
 */
public final class KeyUsageBit {
    /** digitalSignature (0): the leaf signs the attestation document. */
    public static final int DIGITAL_SIGNATURE = 0x80;
    /** keyCertSign (5): a CA signs certificates. */
    public static final int KEY_CERT_SIGN = 0x04;

    private KeyUsageBit() {
    }
}
