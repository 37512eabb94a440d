package dev.nitroattest.attestation.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.junit.jupiter.api.Test;

/** The curve made directly is Bouncy Castle's named curve secp384r1, point for point. */
class P384Test {
    @Test
    void isBouncyCastlesNamedCurveSecp384r1() {
        X9ECParameters named = CustomNamedCurves.getByOID(SECObjectIdentifiers.secp384r1);
        assertEquals(SECObjectIdentifiers.secp384r1, P384.OID);
        assertSame(named.getCurve().getClass(), P384.DOMAIN.getCurve().getClass());
        assertEquals(named.getCurve(), P384.DOMAIN.getCurve());
        assertArrayEquals(named.getG().getEncoded(false), P384.DOMAIN.getG().getEncoded(false));
        assertEquals(named.getN(), P384.N);
        assertEquals(named.getN(), P384.DOMAIN.getN());
        assertEquals(named.getH(), P384.DOMAIN.getH());
    }
}
