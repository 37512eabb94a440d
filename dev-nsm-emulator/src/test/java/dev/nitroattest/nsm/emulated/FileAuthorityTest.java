package dev.nitroattest.nsm.emulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.NsmEmulationException;
import dev.nitroattest.nsm.NsmRequest;
import dev.nitroattest.testkit.EcCurve;
import dev.nitroattest.testkit.EcKeyPair;
import dev.nitroattest.testkit.IssuedCertificate;
import dev.nitroattest.testkit.TestPki;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAuthorityTest {
    private static final TestPki PKI = TestPki.standard();

    @TempDir
    Path directory;

    @Test
    void documentsAreSignedWithTheKeyAndChainFromFiles() throws Exception {
        Path key = write("leaf.key", pkcs8(PKI.leaf().key().privateScalar(), SECObjectIdentifiers.secp384r1));
        Path chain = write("chain.pem", chainPem(PKI.leaf(), PKI.instanceCa(), PKI.zonal(), PKI.regional(), PKI.root()));
        EmulatedAuthority authority = EmulatedAuthority.fromPemFiles(key, chain);
        assertEquals(PKI.rootPem().strip(), authority.rootCertificatePem().strip());

        EmulatedNsm emulator = EmulatedNsm.builder().authority(authority)
                .clock(Clock.fixed(PKI.documentTime(), ZoneOffset.UTC)).pcr(0, new byte[48]).build();
        try (NsmClient nsm = new NsmClient(emulator)) {
            byte[] nonce = {1, 2, 3};
            byte[] document = nsm.attestation(NsmRequest.Attestation.of(null, nonce, null)).toByteArray();
            AttestationVerifier verifier = AttestationVerifier.builder()
                    .trustAnchors(TrustAnchor.fromPem(PKI.rootPem()))
                    .acceptAnyEnclaveImage()
                    .allowDebugEnclaves()
                    .anyAge().build();
            VerifiedAttestation verified = verifier.verifyAt(PKI.documentTime(), verifier.parse(document),
                    Expectations.nonce(nonce));
            assertEquals(5, verified.certificateChain().size());
        }
    }

    @Test
    void aSec1KeyIsReadToo() throws Exception {
        Path key = write("leaf.key", pem("EC PRIVATE KEY",
                new ECPrivateKey(384, PKI.leaf().key().privateScalar(), SECObjectIdentifiers.secp384r1).getEncoded()));
        Path chain = write("chain.pem", chainPem(PKI.leaf(), PKI.instanceCa(), PKI.root()));
        EmulatedAuthority.fromPemFiles(key, chain);
    }

    @Test
    void aKeyThatDoesNotMatchTheLeafIsRefused() throws Exception {
        Path key = write("other.key", pkcs8(PKI.zonal().key().privateScalar(), SECObjectIdentifiers.secp384r1));
        Path chain = write("chain.pem", chainPem(PKI.leaf(), PKI.root()));
        NsmEmulationException e = assertThrows(NsmEmulationException.class,
                () -> EmulatedAuthority.fromPemFiles(key, chain));
        assertTrue(e.getMessage().contains("is not the certificate of the key"), e.getMessage());
    }

    @Test
    void aChainThatDoesNotEndWithARootIsRefused() throws Exception {
        Path key = write("leaf.key", pkcs8(PKI.leaf().key().privateScalar(), SECObjectIdentifiers.secp384r1));
        Path chain = write("chain.pem", chainPem(PKI.leaf(), PKI.instanceCa()));
        NsmEmulationException e = assertThrows(NsmEmulationException.class,
                () -> EmulatedAuthority.fromPemFiles(key, chain));
        assertTrue(e.getMessage().contains("is not self-signed"), e.getMessage());
    }

    @Test
    void aKeyOnAnotherCurveIsRefused() throws Exception {
        EcKeyPair p256 = EcKeyPair.derive(EcCurve.P256, "not P-384");
        Path key = write("p256.key", pkcs8(p256.privateScalar(), SECObjectIdentifiers.secp256r1));
        Path chain = write("chain.pem", chainPem(PKI.leaf(), PKI.root()));
        NsmEmulationException e = assertThrows(NsmEmulationException.class,
                () -> EmulatedAuthority.fromPemFiles(key, chain));
        assertTrue(e.getMessage().contains("is not on P-384"), e.getMessage());
    }

    @Test
    void missingAndWrongFilesAreNamedInOneSentence() throws Exception {
        Path missing = directory.resolve("missing.key");
        Path chain = write("chain.pem", chainPem(PKI.leaf(), PKI.root()));
        assertEquals("Cannot read the private key file " + missing + " (NoSuchFileException).",
                assertThrows(NsmEmulationException.class, () -> EmulatedAuthority.fromPemFiles(missing, chain))
                        .getMessage());
        Path notPem = write("garbage.key", "not a key\n");
        assertEquals("The private key file " + notPem + " holds no PEM block.",
                assertThrows(NsmEmulationException.class, () -> EmulatedAuthority.fromPemFiles(notPem, chain))
                        .getMessage());
        Path certificateAsKey = write("cert.key", chainPem(PKI.leaf()));
        assertTrue(assertThrows(NsmEmulationException.class,
                () -> EmulatedAuthority.fromPemFiles(certificateAsKey, chain)).getMessage()
                .contains("holds a \"CERTIFICATE\" block"));
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(directory.resolve(name), text, StandardCharsets.US_ASCII);
    }

    private static String pkcs8(BigInteger scalar, ASN1ObjectIdentifier curve) throws Exception {
        PrivateKeyInfo info = new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve),
                new ECPrivateKey(384, scalar, null));
        return pem("PRIVATE KEY", info.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String chainPem(IssuedCertificate... certificates) {
        return Stream.of(certificates).map(IssuedCertificate::pem).collect(Collectors.joining());
    }
}
