package dev.nitroattest.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.testkit.RealDocument;
import dev.nitroattest.testkit.RealDocumentCorpus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trust anchors: the embedded AWS root, and anchors loaded from files, refused when unusable. */
@DisplayName("Trust anchors")
class TrustAnchorTest {
    @Test
    @DisplayName("the embedded AWS root has the published fingerprint, the real documents' manifest's, and is their cabundle[0]")
    void embeddedAwsRoot() throws Exception {
        TrustAnchor aws = TrustAnchor.awsNitroEnclavesRootG1();
        assertEquals("641a0321a3e244efe456463195d606317ed7cdcc3c1756e09893f3c68f79bb5b", aws.sha256Fingerprint().toHex());
        assertEquals("C=US,O=Amazon,OU=AWS,CN=aws.nitro-enclaves", aws.certificate().subject());
        RealDocumentCorpus corpus = RealDocumentCorpus.load();
        assertEquals(corpus.rootCertificateSha256(), aws.sha256Fingerprint().toHex());
        for (RealDocument real : corpus.genuine()) {
            assertEquals(aws.certificate().der(), AttestationDocument.parse(real.bytes()).cabundle().get(0), real.file());
        }
        byte[] der = aws.certificate().der().toByteArray();
        assertEquals(aws.sha256Fingerprint(), Bytes.of(MessageDigest.getInstance("SHA-256").digest(der)));
    }

    @Test
    @DisplayName("a PEM file with the test root loads; the DER and PEM forms are equal")
    void loadsPem(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("root.pem");
        Files.writeString(file, Fixtures.PKI.rootPem());
        assertEquals(Fixtures.TEST_ROOT, TrustAnchor.fromPemFile(file));
    }

    @Test
    @DisplayName("unreadable, empty, non-certificate, multi-certificate and non-CA inputs are configuration errors")
    void unusableInputs(@TempDir Path directory) throws Exception {
        VerifierConfigurationException missing = assertThrows(VerifierConfigurationException.class,
                () -> TrustAnchor.fromPemFile(directory.resolve("absent.pem")));
        assertTrue(missing.getMessage().contains("absent.pem"), missing.getMessage());
        assertThrows(VerifierConfigurationException.class, () -> TrustAnchor.fromPem(""));
        assertThrows(VerifierConfigurationException.class, () -> TrustAnchor.fromPem(
                "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n"));
        assertThrows(VerifierConfigurationException.class, () -> TrustAnchor.fromPem(
                Fixtures.PKI.rootPem() + Fixtures.PKI.rootPem()));
        assertThrows(VerifierConfigurationException.class, () -> TrustAnchor.fromDer(new byte[] {0x30, 0x00}));
        String leafPem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(Fixtures.PKI.leaf().der()) + "\n-----END CERTIFICATE-----\n";
        VerifierConfigurationException notCa =
                assertThrows(VerifierConfigurationException.class, () -> TrustAnchor.fromPem(leafPem));
        assertTrue(notCa.getMessage().contains("not a CA"), notCa.getMessage());
    }

    @Test
    @DisplayName("an embedded root that is missing or fails its fingerprint is a configuration error, on every call")
    void embeddedRootFailures() {
        String pem = Fixtures.PKI.rootPem();
        TrustAnchor.Embedded wrongFingerprint = new TrustAnchor.Embedded("The embedded test root",
                () -> new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)),
                TrustAnchor.AWS_NITRO_ENCLAVES_ROOT_G1_SHA256);
        for (int call = 0; call < 2; call++) {
            VerifierConfigurationException failure =
                    assertThrows(VerifierConfigurationException.class, wrongFingerprint::get);
            assertTrue(failure.getMessage().startsWith("The embedded test root does not have the published SHA-256 "
                    + "fingerprint"), failure.getMessage());
        }
        TrustAnchor.Embedded missing = new TrustAnchor.Embedded("The embedded test root", () -> null,
                TrustAnchor.AWS_NITRO_ENCLAVES_ROOT_G1_SHA256);
        assertTrue(assertThrows(VerifierConfigurationException.class, missing::get).getMessage().contains("missing"));
        TrustAnchor.Embedded unreadable = new TrustAnchor.Embedded("The embedded test root", () -> {
            throw new IOException("disk gone");
        }, TrustAnchor.AWS_NITRO_ENCLAVES_ROOT_G1_SHA256);
        assertTrue(assertThrows(VerifierConfigurationException.class, unreadable::get).getMessage()
                .contains("cannot be read"));
        TrustAnchor.Embedded notPem = new TrustAnchor.Embedded("The embedded test root",
                () -> new ByteArrayInputStream(new byte[] {1, 2, 3}), TrustAnchor.AWS_NITRO_ENCLAVES_ROOT_G1_SHA256);
        assertTrue(assertThrows(VerifierConfigurationException.class, notPem::get).getMessage()
                .contains("unusable"));
        TrustAnchor.Embedded right = new TrustAnchor.Embedded("The embedded test root",
                () -> new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)),
                Fixtures.TEST_ROOT.sha256Fingerprint().toHex());
        assertEquals(Fixtures.TEST_ROOT, right.get());
    }

    @Test
    @DisplayName("a verifier needs at least one anchor")
    void atLeastOneAnchor() {
        assertThrows(VerifierConfigurationException.class,
                () -> AttestationVerifier.builder().trustAnchors(java.util.List.of()));
    }
}
