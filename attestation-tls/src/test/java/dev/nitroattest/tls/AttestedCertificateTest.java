package dev.nitroattest.tls;

import static dev.nitroattest.tls.TestEnclave.KEY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.der.DerReader;
import dev.nitroattest.testkit.CertificateSpec.KeyUsageBit;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Random;
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

    /**
     * Seeded damage of several bytes at once (changed, inserted, deleted, lengths rewritten long), read as a TLS
     * library without the JDK's parser could hand it over: a document or a typed refusal; and where the JDK parses the
     * same bytes, the document read is the one the JDK finds in the attestation extension, so the reader and the JDK
     * never see two different documents in one certificate.
     */
    @Test
    void damagedCertificatesYieldTheJdksDocumentOrATypedRefusal() throws Exception {
        X509Certificate genuine = TestEnclave.genuine();
        byte[] der = genuine.getEncoded();
        Random random = new Random(0x7276_3201L);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        int read = 0;
        int compared = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] damaged = damage(der, random);
            byte[] document;
            try {
                document = AttestedCertificate.of(new EncodedCertificate(damaged, genuine)).document();
            } catch (TlsBindingException e) {
                assertNotNull(e.reason());
                continue;
            }
            read++;
            X509Certificate jdk;
            try {
                jdk = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(damaged));
            } catch (CertificateException e) {
                continue;
            }
            compared++;
            byte[] wrapped = jdk.getExtensionValue(AttestationExtension.OID);
            assertNotNull(wrapped, "the JDK finds no attestation extension: " + i);
            assertArrayEquals(AttestationExtension.value(document), unwrapOctetString(wrapped), "mutant " + i);
        }
        assertTrue(read > 100 && compared > 100, read + " read, " + compared + " compared");
    }

    private static byte[] damage(byte[] der, Random random) {
        byte[] damaged = der.clone();
        for (int change = 0; change < 1 + random.nextInt(3); change++) {
            int at = random.nextInt(damaged.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(damaged, 0, at);
            switch (random.nextInt(4)) {
                case 0 -> {
                    out.write(random.nextInt(256));
                    out.write(damaged, at + 1, damaged.length - at - 1);
                }
                case 1 -> {
                    out.write(random.nextInt(256));
                    out.write(damaged, at, damaged.length - at);
                }
                case 2 -> out.write(damaged, at + 1, damaged.length - at - 1);
                default -> {
                    out.writeBytes(new byte[] {(byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
                    out.write(damaged, at + 1, damaged.length - at - 1);
                }
            }
            damaged = out.toByteArray();
        }
        return damaged;
    }

    /** The content of the DER OCTET STRING the JDK returns for an extension's value. */
    private static byte[] unwrapOctetString(byte[] octetString) throws Exception {
        DerReader reader = DerReader.of(octetString);
        byte[] content = reader.read(DerReader.OCTET_STRING, "the value").content(octetString);
        reader.requireEnd("the value");
        return content;
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
