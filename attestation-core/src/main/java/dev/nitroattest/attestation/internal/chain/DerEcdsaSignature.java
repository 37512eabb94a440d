package dev.nitroattest.attestation.internal.chain;

import dev.nitroattest.der.DerException;
import dev.nitroattest.der.DerReader;
import dev.nitroattest.der.DerReader.Element;
import dev.nitroattest.der.StrictDer;
import java.math.BigInteger;

/**
 * An ECDSA signature as a certificate carries it: the DER encoding of {@code SEQUENCE { r INTEGER, s INTEGER }}.
 * Strict: anything but DER (long or indefinite lengths, leading zeros, trailing bytes, other types) is refused here,
 * and the range of r and s is the verifier's business.
 */
public final class DerEcdsaSignature {
    private DerEcdsaSignature() {
    }

    /**
     * Decodes the signature value.
     *
     * @param value the BIT STRING's content
     * @return r and s
     * @throws IllegalArgumentException if the value is not the DER encoding of two integers; its message says how:
     *     "empty", "not in DER" (BER in another form), "not an ASN.1 value" or "not a sequence of two integers"
     */
    public static BigInteger[] components(byte[] value) {
        if (value.length == 0) {
            throw new IllegalArgumentException("empty");
        }
        Element sequence;
        try {
            sequence = StrictDer.check(value);
        } catch (DerException e) {
            throw new IllegalArgumentException(e.kind() == DerException.Kind.NOT_DER ? "not in DER"
                    : "not an ASN.1 value", e);
        }
        try {
            if (sequence.tag() != DerReader.SEQUENCE) {
                throw new DerException("not a SEQUENCE");
            }
            DerReader fields = DerReader.contentOf(value, sequence);
            BigInteger r = fields.readInteger("r");
            BigInteger s = fields.readInteger("s");
            fields.requireEnd("s");
            return new BigInteger[] {r, s};
        } catch (DerException e) {
            throw new IllegalArgumentException("not a sequence of two integers", e);
        }
    }
}
