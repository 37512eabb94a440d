package dev.nitroattest.attestation.internal.crypto;

import java.math.BigInteger;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;

/** Bouncy Castle's secp384r1, the independent reference the tests check the library's own arithmetic against. */
final class BcP384 {
    static final X9ECParameters NAMED = CustomNamedCurves.getByOID(SECObjectIdentifiers.secp384r1);
    static final ECDomainParameters DOMAIN = new ECDomainParameters(NAMED);
    static final ECPoint G = NAMED.getG();
    static final BigInteger P = NAMED.getCurve().getField().getCharacteristic();

    private BcP384() {
    }

    /** The affine coordinates of a Bouncy Castle point as the library's field limbs: {x, y}. */
    static int[][] affine(ECPoint point) {
        ECPoint normalized = point.normalize();
        return new int[][] {
            P384Field.fromBigInteger(normalized.getAffineXCoord().toBigInteger()),
            P384Field.fromBigInteger(normalized.getAffineYCoord().toBigInteger())
        };
    }
}
