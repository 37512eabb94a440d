package dev.nitroattest.attestation.internal.crypto;

import java.math.BigInteger;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.custom.sec.SecP384R1Curve;

/**
 * The one curve of the profile: NIST P-384 (secp384r1), with Bouncy Castle's dedicated field arithmetic. The curve is
 * made directly rather than looked up among Bouncy Castle's named curves, whose table sets up some forty curves'
 * holders and two more OID registries first: start-up time of every {@code nitro-attest} run (docs/performance.md).
 */
public final class P384 {
    /** secp384r1 (SEC 2): 1.3.132.0.34. */
    public static final ASN1ObjectIdentifier OID = new ASN1ObjectIdentifier("1.3.132.0.34");
    /** The generator G, uncompressed (SEC 2, section 2.5.1). */
    private static final String GENERATOR = "04"
            + "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7"
            + "3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f";
    /** Bouncy Castle's custom curve: much faster than a generic prime-field implementation. */
    public static final ECDomainParameters DOMAIN;
    /** The group order n. */
    public static final BigInteger N;

    static {
        ECCurve curve = new SecP384R1Curve();
        DOMAIN = new ECDomainParameters(curve, curve.decodePoint(HexFormat.of().parseHex(GENERATOR)), curve.getOrder(),
                curve.getCofactor());
        N = DOMAIN.getN();
    }

    private P384() {
    }

    /**
     * Whether {@code value} may be an ECDSA signature component: 1 <= value < n. Checked before any
     * arithmetic, so that no JDK or library bug with zero or oversized components (CVE-2022-21449) is
     * reachable.
     */
    public static boolean isValidSignatureComponent(BigInteger value) {
        return value.signum() > 0 && value.compareTo(N) < 0;
    }
}
