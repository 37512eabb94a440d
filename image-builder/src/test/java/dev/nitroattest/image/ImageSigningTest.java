package dev.nitroattest.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.eif.EifSection;
import dev.nitroattest.eif.EifSectionType;
import dev.nitroattest.eif.EnclaveImageFile;
import dev.nitroattest.image.ImageBuildException.Reason;
import dev.nitroattest.testkit.CborWriter;
import dev.nitroattest.testkit.CertificateSpec;
import dev.nitroattest.testkit.DocumentBuilder;
import dev.nitroattest.testkit.EcCurve;
import dev.nitroattest.testkit.EcKeyPair;
import dev.nitroattest.testkit.EifWriter;
import dev.nitroattest.testkit.IssuedCertificate;
import dev.nitroattest.testkit.TestCertificates;
import dev.nitroattest.testkit.TestPki;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.SignedData;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed images (PCR8): the signature section in nitro-cli's format, read back by core's reader, re-encoded
 * independently with the test kit's CBOR writer, and its COSE_Sign1 verified by the JDK's own ECDSA with the
 * certificate's public key; deterministic signatures, so signed images are reproducible too; keys refused by name.
 */
class ImageSigningTest {
    /** The protected header {1: -35} (ES384), as nitro-cli's COSE library writes it. */
    private static final byte[] ES384 = {(byte) 0xa1, 0x01, 0x38, 0x22};
    private static final IssuedCertificate SIGNER = TestPki.standard().leaf();

    @TempDir
    Path folder;

    private ImageSigningKey key(IssuedCertificate certificate, String keyPem) throws Exception {
        Path cert = Files.writeString(folder.resolve("cert-" + System.nanoTime() + ".pem"), certificate.pem());
        Path key = Files.writeString(folder.resolve("key-" + System.nanoTime() + ".pem"), keyPem);
        return ImageSigningKey.fromPemFiles(cert, key);
    }

    private static String pkcs8(EcKeyPair key) {
        return pem("PRIVATE KEY", key.jcaPrivateKey().getEncoded());
    }

    /** As {@code openssl ecparam -genkey} writes it: SEC1 with the curve's name, after an EC PARAMETERS block. */
    private static String sec1(EcKeyPair key) throws Exception {
        byte[] der = new ECPrivateKey(384, key.privateScalar(), SECObjectIdentifiers.secp384r1)
                .getEncoded(ASN1Encoding.DER);
        return "-----BEGIN EC PARAMETERS-----\nBgUrgQQAIg==\n-----END EC PARAMETERS-----\n"
                + pem("EC PRIVATE KEY", der);
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static byte[] section(byte[] image, EifSection section) {
        int start = (int) section.offset() + EifWriter.SECTION_HEADER_LENGTH;
        return Arrays.copyOfRange(image, start, start + (int) section.size());
    }

    @Test
    void aSignedImageHasThePcr8OfItsCertificateAndTheReaderAgreesWithEveryPcr() throws Exception {
        ImageInputs inputs = ImageInputs.write(folder.resolve("in"));
        BuiltImage unsigned = inputs.builder().build(folder.resolve("unsigned.eif"));
        Path output = folder.resolve("signed.eif");
        BuiltImage signed = inputs.builder().signedWith(key(SIGNER, pkcs8(SIGNER.key()))).build(output);

        EnclaveImageFile read = EnclaveImageFile.read(output);
        assertEquals(read.measurements(), signed.measurements());
        assertTrue(read.isSigned());
        assertArrayEquals(SIGNER.der(), read.signingCertificate().orElseThrow().toByteArray());
        assertArrayEquals(EifWriter.measure(List.of(SIGNER.der())),
                signed.measurements().pcr8().orElseThrow().toByteArray());
        assertEquals(List.of(EifSectionType.KERNEL, EifSectionType.CMDLINE, EifSectionType.METADATA,
                EifSectionType.RAMDISK, EifSectionType.RAMDISK, EifSectionType.SIGNATURE),
                read.sections().stream().map(EifSection::type).toList());
        // The signature is not measured: PCR0, 1 and 2 are the unsigned image's.
        assertEquals(unsigned.measurements().pcr0(), signed.measurements().pcr0());
        assertEquals(unsigned.measurements().pcr1(), signed.measurements().pcr1());
        assertEquals(unsigned.measurements().pcr2(), signed.measurements().pcr2());
        assertTrue(signed.pcrsJson().contains("\"PCR8\": \"" + signed.measurements().pcr8().orElseThrow().toHex()
                + "\""));
    }

    @Test
    void theSignatureSectionIsNitroClisAndItsCoseSign1OverPcr0VerifiesWithTheCertificatesKey() throws Exception {
        Path output = folder.resolve("signed.eif");
        BuiltImage signed = ImageInputs.write(folder.resolve("in")).builder()
                .signedWith(key(SIGNER, pkcs8(SIGNER.key()))).build(output);
        byte[] image = Files.readAllBytes(output);
        List<EifSection> sections = EnclaveImageFile.read(output).sections();
        byte[] section = section(image, sections.get(sections.size() - 1));

        Vectors vectors = Vectors.parse(section);
        assertArrayEquals(SIGNER.pem().getBytes(StandardCharsets.US_ASCII), vectors.certificate);
        Cose cose = Cose.parse(vectors.signature);
        assertArrayEquals(ES384, cose.protectedHeader);
        byte[] payload = integers(new CborWriter().startMap(2).text("register_index").uint(0).text("register_value"),
                signed.measurements().pcr0().toByteArray()).toByteArray();
        assertArrayEquals(payload, cose.payload);
        Signature ecdsa = Signature.getInstance("SHA384withECDSAinP1363Format");
        ecdsa.initVerify(CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(SIGNER.der())).getPublicKey());
        ecdsa.update(DocumentBuilder.sigStructure(ES384, payload));
        assertTrue(ecdsa.verify(cose.signature), "the COSE_Sign1's signature does not verify with the certificate");

        // Every byte as the test kit encodes nitro-cli's serde output (byte vectors as arrays of integers).
        byte[] coseSign1 = new CborWriter().startArray(4).bytes(ES384).startMap(0).bytes(payload)
                .bytes(cose.signature).toByteArray();
        CborWriter expected = new CborWriter().startArray(1).startMap(2).text("signing_certificate");
        integers(expected, SIGNER.pem().getBytes(StandardCharsets.US_ASCII)).text("signature");
        assertArrayEquals(integers(expected, coseSign1).toByteArray(), section);
    }

    @Test
    void signaturesAreDeterministicSoSignedImagesAreReproducibleAndAKeysFormDoesNotMatter() throws Exception {
        Path first = folder.resolve("first.eif");
        Path second = folder.resolve("second.eif");
        ImageInputs.write(folder.resolve("in")).builder().signedWith(key(SIGNER, pkcs8(SIGNER.key()))).build(first);
        ImageInputs.scrambled(folder.resolve("other")).builder().signedWith(key(SIGNER, sec1(SIGNER.key())))
                .build(second);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));

        IssuedCertificate other = TestPki.create("another signer", TestPki.STANDARD_LEAF_NOT_BEFORE).leaf();
        BuiltImage otherSigner = ImageInputs.write(folder.resolve("in3")).builder()
                .signedWith(key(other, pkcs8(other.key()))).build(folder.resolve("third.eif"));
        assertNotEquals(EnclaveImageFile.read(first).measurements().pcr8(), otherSigner.measurements().pcr8());
        assertEquals(EnclaveImageFile.read(first).measurements().pcr0(), otherSigner.measurements().pcr0());
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedBeforeAnythingIsWritten() throws Exception {
        EcKeyPair stranger = EcKeyPair.derive(EcCurve.P384, "not the signer");
        ImageBuildException e = assertThrows(ImageBuildException.class, () -> key(SIGNER, pkcs8(stranger)));
        assertEquals(Reason.INVALID_INPUT, e.reason());
        assertTrue(e.getMessage().contains("is not the private key of the certificate in"), e.getMessage());
    }

    @Test
    void onlyP384KeysUnencryptedAndInPemAreTaken() throws Exception {
        EcKeyPair p256 = EcKeyPair.derive(EcCurve.P256, "a P-256 signer");
        IssuedCertificate p256Certificate = TestCertificates.issue(CertificateSpec.builder().subject("CN=p256")
                .serial(BigInteger.TWO).validity(Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2027-01-01T00:00:00Z")).subjectKey(p256).build());
        assertInvalid(() -> key(p256Certificate, pkcs8(p256)), "is not a certificate for an EC P-384 key");
        assertInvalid(() -> key(SIGNER, pkcs8(p256)), "is not an EC P-384 private key");
        assertInvalid(() -> key(SIGNER, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n"
                + "-----END ENCRYPTED PRIVATE KEY-----\n"), "is an encrypted private key");
        assertInvalid(() -> key(SIGNER, "not a key\n"), "holds no PEM private key");
        assertInvalid(() -> key(SIGNER, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"),
                "is not a well-formed PEM private key");

        Path twoCertificates = Files.writeString(folder.resolve("chain.pem"), SIGNER.pem()
                + TestPki.standard().instanceCa().pem());
        Path key = Files.writeString(folder.resolve("key.pem"), pkcs8(SIGNER.key()));
        assertInvalid(() -> ImageSigningKey.fromPemFiles(twoCertificates, key), "holds 2 certificates");
        Path der = Files.write(folder.resolve("cert.der"), SIGNER.der());
        assertInvalid(() -> ImageSigningKey.fromPemFiles(der, key), "is not a PEM certificate");
        ImageBuildException missing = assertThrows(ImageBuildException.class,
                () -> ImageSigningKey.fromPemFiles(folder.resolve("absent.pem"), key));
        assertEquals(Reason.MISSING_INPUT, missing.reason());
    }

    /**
     * PCR8 measures the CERTIFICATE block's bytes, as core's reader does; a block that the JDK would read as some other
     * certificate (a PKCS#7 bundle relabelled, a long-form length) or a file with more blocks is refused, so the PCR8
     * the builder prints is never one the reader disagrees with.
     */
    @Test
    void aCertificateBlockThatIsNotExactlyOneCertificatesDerIsRefused() throws Exception {
        Path key = Files.writeString(folder.resolve("key.pem"), pkcs8(SIGNER.key()));
        org.bouncycastle.asn1.x509.Certificate certificate =
                org.bouncycastle.asn1.x509.Certificate.getInstance(SIGNER.der());
        // A degenerate PKCS#7 SignedData (no signers), as openssl crl2pkcs7 -nocrl writes a certificate bundle.
        SignedData bundle = new SignedData(new ASN1Integer(1), new DERSet(),
                new ContentInfo(PKCSObjectIdentifiers.data, null), new DERSet(certificate), null, new DERSet());
        byte[] pkcs7 = new ContentInfo(PKCSObjectIdentifiers.signedData, bundle).getEncoded(ASN1Encoding.DER);
        // The JDK's generateCertificates reads such a bundle as its one certificate; one certificate's DER is asked for.
        assertEquals(1, CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pkcs7)).size());
        Path relabelled = Files.writeString(folder.resolve("pkcs7.pem"), pem("CERTIFICATE", pkcs7));
        assertInvalid(() -> ImageSigningKey.fromPemFiles(relabelled, key), "X.509 certificate");

        Path longForm = Files.writeString(folder.resolve("long.pem"), pem("CERTIFICATE", longFormLength(SIGNER.der())));
        // The JDK refuses the redundant length byte itself, or re-encodes it, which the DER check refuses.
        String refused = assertThrows(ImageBuildException.class, () -> ImageSigningKey.fromPemFiles(longForm, key))
                .getMessage();
        assertTrue(refused.contains("does not hold a readable X.509 certificate")
                || refused.contains("is not one certificate in DER"), refused);
        Path trailing = Files.writeString(folder.resolve("trailing.pem"),
                pem("CERTIFICATE", Arrays.copyOf(SIGNER.der(), SIGNER.der().length + 2)));
        assertInvalid(() -> ImageSigningKey.fromPemFiles(trailing, key), "is not one certificate in DER");
        Path withKey = Files.writeString(folder.resolve("with-key.pem"), SIGNER.pem() + pkcs8(SIGNER.key()));
        assertInvalid(() -> ImageSigningKey.fromPemFiles(withKey, key), "holds a PEM block other than the certificate");
        Path unended = Files.writeString(folder.resolve("unended.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n");
        assertInvalid(() -> ImageSigningKey.fromPemFiles(unended, key), "has no END line");

        // The certificate as openssl writes it is taken, and PCR8's input is its block's bytes.
        Path plain = Files.writeString(folder.resolve("plain.pem"), "issuer notes\n" + SIGNER.pem());
        assertArrayEquals(SIGNER.der(), ImageSigningKey.fromPemFiles(plain, key).certificateDer());
    }

    /** The outer SEQUENCE's length written with one more byte than it needs: BER, not DER. */
    private static byte[] longFormLength(byte[] der) {
        int lengthBytes = der[1] & 0x7f;
        assertEquals(0x80, der[1] & 0x80, "a certificate's outer length is in long form");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(der[0]);
        out.write(0x80 | (lengthBytes + 1));
        out.write(0);
        out.write(der, 2, der.length - 2);
        return out.toByteArray();
    }

    /** A PEM file is read only if it is a regular file, and at most 64 KiB of it: never /dev/zero or a FIFO. */
    @Test
    void aPemPathThatIsNotASmallRegularFileIsRefused() throws Exception {
        Path key = Files.writeString(folder.resolve("key.pem"), pkcs8(SIGNER.key()));
        Path certificate = Files.writeString(folder.resolve("cert.pem"), SIGNER.pem());
        Path directory = Files.createDirectory(folder.resolve("a-directory"));
        assertInvalid(() -> ImageSigningKey.fromPemFiles(directory, key), "is not a regular file");
        assertInvalid(() -> ImageSigningKey.fromPemFiles(certificate, directory), "is not a regular file");
        Path large = Files.writeString(folder.resolve("large.pem"), SIGNER.pem() + "#".repeat(64 * 1024));
        assertInvalid(() -> ImageSigningKey.fromPemFiles(large, key), "is larger than 64 KiB");
        Path devZero = Path.of("/dev/zero");
        if (Files.exists(devZero)) {
            assertInvalid(() -> ImageSigningKey.fromPemFiles(certificate, devZero), "is not a regular file");
        }
    }

    /**
     * Damaged certificates and keys (one byte of their DER changed, at every offset of the key and at 120 of the
     * certificate) are refused with an ImageBuildException or, where the change leaves them meaning the same, taken;
     * never any other exception. A key taken is always the certificate's.
     */
    @Test
    void damagedCertificatesAndKeysAreRefusedWithTheBuildsOwnExceptionOnly() throws Exception {
        byte[] keyDer = SIGNER.key().jcaPrivateKey().getEncoded();
        Path certificate = Files.writeString(folder.resolve("cert.pem"), SIGNER.pem());
        Path key = folder.resolve("damaged-key.pem");
        for (int i = 0; i < keyDer.length; i++) {
            byte[] damaged = keyDer.clone();
            damaged[i] ^= (byte) (0x01 << (i % 8));
            Files.writeString(key, pem("PRIVATE KEY", damaged));
            takenOrRefused(certificate, key, "key byte " + i);
        }
        Files.writeString(key, pkcs8(SIGNER.key()));
        java.util.Random random = new java.util.Random(22);
        for (int round = 0; round < 120; round++) {
            byte[] damaged = SIGNER.der();
            damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
            Files.writeString(certificate, pem("CERTIFICATE", damaged));
            takenOrRefused(certificate, key, "certificate round " + round);
        }
    }

    private static void takenOrRefused(Path certificate, Path key, String what) {
        try {
            ImageSigningKey taken = ImageSigningKey.fromPemFiles(certificate, key);
            assertTrue(SIGNER.key().hasPublicKey(P384.publicPoint(taken.privateScalar())), what);
        } catch (ImageBuildException e) {
            assertTrue(e.getMessage().endsWith("."), what + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new AssertionError(what + " gave " + e, e);
        }
    }

    @Test
    void theKeyIsNeverShown() throws Exception {
        ImageSigningKey key = key(SIGNER, pkcs8(SIGNER.key()));
        String shown = key.toString();
        assertTrue(shown.startsWith("ImageSigningKey["), shown);
        assertFalse(shown.contains(SIGNER.key().privateScalar().toString(16)), shown);
        assertFalse(shown.contains(SIGNER.key().privateScalar().toString()), shown);
    }

    private interface Build {
        Object run() throws Exception;
    }

    private static void assertInvalid(Build build, String expected) {
        ImageBuildException e = assertThrows(ImageBuildException.class, build::run);
        assertEquals(Reason.INVALID_INPUT, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** A byte vector as serde_cbor writes it: an array of unsigned integers. */
    private static CborWriter integers(CborWriter writer, byte[] value) {
        writer.startArray(value.length);
        for (byte b : value) {
            writer.uint(b & 0xff);
        }
        return writer;
    }

    /** A minimal reader of the section's few CBOR items, written for this test from RFC 8949. */
    private static final class Items {
        private final byte[] data;
        private int position;

        Items(byte[] data) {
            this.data = data;
        }

        /** Reads a head of this major type and returns its argument. */
        long head(int majorType) {
            int initial = data[position++] & 0xff;
            assertEquals(majorType, initial >>> 5, "major type at offset " + (position - 1));
            int info = initial & 31;
            if (info < 24) {
                return info;
            }
            int length = 1 << (info - 24);
            long value = 0;
            for (int i = 0; i < length; i++) {
                value = value << 8 | (data[position++] & 0xff);
            }
            return value;
        }

        byte[] content(int majorType) {
            int length = (int) head(majorType);
            byte[] content = Arrays.copyOfRange(data, position, position + length);
            position += length;
            return content;
        }

        String text() {
            return new String(content(3), StandardCharsets.UTF_8);
        }

        byte[] integers() {
            int length = (int) head(4);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < length; i++) {
                long value = head(0);
                assertTrue(value < 256, "an element of a byte vector is above 255");
                out.write((int) value);
            }
            return out.toByteArray();
        }

        void atEnd() {
            assertEquals(data.length, position, "bytes after the last item");
        }
    }

    private record Vectors(byte[] certificate, byte[] signature) {
        static Vectors parse(byte[] section) {
            Items items = new Items(section);
            assertEquals(1, items.head(4));
            assertEquals(2, items.head(5));
            assertEquals("signing_certificate", items.text());
            byte[] certificate = items.integers();
            assertEquals("signature", items.text());
            byte[] signature = items.integers();
            items.atEnd();
            return new Vectors(certificate, signature);
        }
    }

    private record Cose(byte[] protectedHeader, byte[] payload, byte[] signature) {
        static Cose parse(byte[] coseSign1) {
            Items items = new Items(coseSign1);
            assertEquals(4, items.head(4));
            byte[] protectedHeader = items.content(2);
            assertEquals(0, items.head(5), "the unprotected header is not an empty map");
            byte[] payload = items.content(2);
            byte[] signature = items.content(2);
            items.atEnd();
            assertEquals(96, signature.length);
            return new Cose(protectedHeader, payload, signature);
        }
    }
}
