package dev.nitroattest.testkit;

import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/** The NIST prime curves the kit can make keys on, each with the hash and coordinate length that go with it. */
public enum EcCurve {
    /** secp256r1, hashed with SHA-256. */
    P256("1.2.840.10045.3.1.7", "SHA-256", 32),
    /** secp384r1, hashed with SHA-384: the only curve AWS uses. */
    P384("1.3.132.0.34", "SHA-384", 48),
    /** secp521r1, hashed with SHA-512. */
    P521("1.3.132.0.35", "SHA-512", 66);

    private final String oid;
    private final String hashName;
    private final int coordinateLength;
    private final X9ECParameters parameters;

    EcCurve(String oid, String hashName, int coordinateLength) {
        this.oid = oid;
        this.hashName = hashName;
        this.coordinateLength = coordinateLength;
        this.parameters = CustomNamedCurves.getByOID(new ASN1ObjectIdentifier(oid));
    }

    /** The named-curve object identifier, dotted. */
    public String oid() {
        return oid;
    }

    /** The curve's domain parameters (Bouncy Castle's optimised implementation). */
    public X9ECParameters parameters() {
        return parameters;
    }

    /** The group order n. */
    public BigInteger order() {
        return parameters.getN();
    }

    /** The hash paired with this curve: "SHA-256", "SHA-384" or "SHA-512". */
    public String hashName() {
        return hashName;
    }

    /** Bytes per coordinate, and per r or s in a raw signature: 32, 48 or 66. */
    public int coordinateLength() {
        return coordinateLength;
    }
}
