package dev.nitroattest.attestation.internal.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * {@link LegacyCertificateDecoder}'s signature value decoder, as it was. An ECDSA signature as a certificate carries
 * it: the DER encoding of {@code SEQUENCE { r INTEGER, s INTEGER }}. Strict: anything but DER (long or indefinite
 * lengths, leading zeros, trailing bytes, other types) is refused here, and the range of r and s is the verifier's
 * business.
 */
final class LegacyDerEcdsaSignature {
    private LegacyDerEcdsaSignature() {
    }

    /**
     * Decodes the signature value.
     *
     * @param value the BIT STRING's content
     * @return r and s
     * @throws IllegalArgumentException if the value is not the DER encoding of two integers
     */
    static BigInteger[] components(byte[] value) {
        ASN1Primitive primitive;
        try {
            primitive = ASN1Primitive.fromByteArray(value);
            if (primitive == null) {
                throw new IllegalArgumentException("empty");
            }
            if (!Arrays.equals(primitive.getEncoded(ASN1Encoding.DER), value)) {
                throw new IllegalArgumentException("not in DER");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not an ASN.1 value", e);
        }
        if (!(primitive instanceof ASN1Sequence sequence) || sequence.size() != 2
                || !(sequence.getObjectAt(0) instanceof ASN1Integer r)
                || !(sequence.getObjectAt(1) instanceof ASN1Integer s)) {
            throw new IllegalArgumentException("not a sequence of two integers");
        }
        return new BigInteger[] {r.getValue(), s.getValue()};
    }
}
