package dev.nitroattest.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;

/** An ECDSA signature's r and s, read from or written to the raw r || s form that COSE uses. */
public record RawSignature(BigInteger r, BigInteger s) {

    /** Splits r || s into its two halves. */
    public static RawSignature parse(byte[] raw) {
        if (raw.length == 0 || raw.length % 2 != 0) {
            throw new IllegalArgumentException("not an r || s signature: " + raw.length + " bytes");
        }
        int half = raw.length / 2;
        return new RawSignature(
                new BigInteger(1, Arrays.copyOfRange(raw, 0, half)),
                new BigInteger(1, Arrays.copyOfRange(raw, half, raw.length)));
    }

    /** r || s, each left-padded to coordinateLength bytes. */
    public byte[] encode(int coordinateLength) {
        return Bytes.concat(Bytes.unsignedFixed(r, coordinateLength), Bytes.unsignedFixed(s, coordinateLength));
    }

    /** The DER ECDSA-Sig-Value, SEQUENCE { r INTEGER, s INTEGER }. */
    public byte[] toDer() {
        try {
            return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)})
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same s with another r. */
    public RawSignature withR(BigInteger newR) {
        return new RawSignature(newR, s);
    }

    /** The same r with another s. */
    public RawSignature withS(BigInteger newS) {
        return new RawSignature(r, newS);
    }
}
