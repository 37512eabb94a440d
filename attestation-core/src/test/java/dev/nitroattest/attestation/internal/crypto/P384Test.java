package dev.nitroattest.attestation.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.junit.jupiter.api.Test;

/** The curve built from its constants is Bouncy Castle's named curve secp384r1, with its custom arithmetic. */
class P384Test {

    @Test
    void isBouncyCastlesNamedCurveSecp384r1() {
        X9ECParameters named = CustomNamedCurves.getByOID(SECObjectIdentifiers.secp384r1);
        assertEquals(SECObjectIdentifiers.secp384r1, P384.OID);
        assertEquals(named.getCurve(), P384.DOMAIN.getCurve());
        assertSame(named.getCurve().getClass(), P384.DOMAIN.getCurve().getClass());
        assertEquals(named.getG(), P384.DOMAIN.getG());
        assertEquals(named.getN(), P384.DOMAIN.getN());
        assertEquals(named.getN(), P384.N);
        assertEquals(named.getH(), P384.DOMAIN.getH());
    }
}
