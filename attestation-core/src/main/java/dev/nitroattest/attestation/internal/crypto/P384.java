package dev.nitroattest.attestation.internal.crypto;

import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;

/** The one curve of the profile: NIST P-384 (secp384r1), with Bouncy Castle's dedicated field arithmetic. */
public final class P384 {
    public static final ASN1ObjectIdentifier OID = SECObjectIdentifiers.secp384r1;
    /** Bouncy Castle's custom curve: much faster than a generic prime-field implementation. */
    public static final ECDomainParameters DOMAIN;
    /** The group order n. */
    public static final BigInteger N;

    static {
        X9ECParameters parameters = CustomNamedCurves.getByOID(OID);
        DOMAIN = new ECDomainParameters(parameters.getCurve(), parameters.getG(), parameters.getN(), parameters.getH());
        N = parameters.getN();
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
