package dev.nitroattest.tls;

import static dev.nitroattest.tls.TestEnclave.KEY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.testkit.CertificateSpec.KeyUsageBit;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/** Reading what a certificate carries: among other extensions, and from any bytes, never an untyped failure. */
class AttestedCertificateTest {
    @Test
    void theDocumentIsFoundAmongOtherExtensionsAndTheKeyAsEncoded() throws Exception {
        byte[] document = TestEnclave.document(KEY).build();
        X509Certificate certificate = TestEnclave.x509(TestEnclave.bare(KEY).endEntity(true)
                .keyUsage(true, KeyUsageBit.DIGITAL_SIGNATURE).subjectKeyIdentifier(true)
                .extraExtension("1.2.3.4", false, new byte[] {0x05, 0x00})
                .extraExtension(AttestationExtension.OID, false, AttestationExtension.value(document)));
        AttestedCertificate read = AttestedCertificate.of(certificate);
        assertArrayEquals(document, read.document());
        assertArrayEquals(KEY.subjectPublicKeyInfo(), read.subjectPublicKeyInfo().toByteArray());
        assertEquals(certificate.getNotAfter().toInstant(), read.notAfter());
        assertArrayEquals(certificate.getEncoded(), read.der().toByteArray());
        AttestedTrustManager.of(TestEnclave.verifier()).verify(certificate);
    }

    @Test
    void theOidIsTheUuidAsOneInteger() {
        assertEquals("2.25." + new java.math.BigInteger(AttestationExtension.UUID.replace("-", ""), 16),
                AttestationExtension.OID);
    }

    @Test
    void everySingleBitFlipOfACertificateIsReadOrRefusedWithAReason() throws Exception {
        X509Certificate genuine = TestEnclave.genuine();
        byte[] der = genuine.getEncoded();
        int refused = 0;
        for (int position = 0; position < der.length; position++) {
            byte[] flipped = der.clone();
            flipped[position] ^= (byte) (1 << (position % 8));
            try {
                assertNotNull(AttestedCertificate.of(new EncodedCertificate(flipped, genuine)).document());
            } catch (TlsBindingException e) {
                refused++;
                assertNotNull(e.reason());
            }
        }
        assertTrue(refused > 0, "flips in the structure are refused");
    }
}
