package dev.nitroattest.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.ExpectedPcrs;
import dev.nitroattest.attestation.VerifiedAttestation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sealer reads the policy a document passed: a document from a verifier that did not pin the image, or that let
 * debug enclaves through, is refused unless the sealer is told by name.
 */
class SealingPolicyTest {
    private static final byte[] SECRET = {1, 2, 3};
    private static byte[] document;
    private static byte[] pcr0;
    private static byte[] pcr3;

    @BeforeAll
    static void document() throws Exception {
        document = Enclaves.document(Enclaves.ENCLAVE.publicKey().toByteArray());
        AttestationDocument parsed = AttestationDocument.parse(document);
        pcr0 = parsed.pcrs().get(0).orElseThrow().toByteArray();
        pcr3 = parsed.pcrs().get(3).orElseThrow().toByteArray();
    }

    @Test
    void aDocumentVerifiedWithAcceptAnyEnclaveImageIsRefused() throws Exception {
        VerifiedAttestation any = Enclaves.verifier().acceptAnyEnclaveImage().clock(Enclaves.documentClock())
                .anyAge().build().verify(document, Expectations.withoutNonce());
        for (SecretFormat format : SecretFormat.values()) {
            SecretRefusedException refused = assertThrows(SecretRefusedException.class,
                    () -> SecretSealer.create().seal(any, SECRET, format));
            assertEquals(SecretRefusal.IMAGE_NOT_PINNED, refused.reason());
            assertTrue(refused.getMessage().contains("acceptAnyEnclaveImage()"), refused.getMessage());
        }
        byte[] sealed = SecretSealer.create().allowAnyEnclaveImage().seal(any, SECRET);
        assertArrayEquals(SECRET, Enclaves.ENCLAVE.open(sealed));
    }

    @Test
    void aDocumentVerifiedWithParentOnlyPinsIsRefused() throws Exception {
        VerifiedAttestation parentOnly = Enclaves.verifier().expectPcrs(ExpectedPcrs.builder().accept(3, pcr3)
                .allowPinsWithoutImagePcrs().build()).clock(Enclaves.documentClock()).anyAge().build()
                .verify(document, Expectations.withoutNonce());
        SecretRefusedException refused = assertThrows(SecretRefusedException.class,
                () -> SecretSealer.create().seal(parentOnly, SECRET));
        assertEquals(SecretRefusal.IMAGE_NOT_PINNED, refused.reason());
        assertEquals("IMAGE_NOT_PINNED: The document was verified with pins of PCR3 only, which does not say which "
                + "image holds the key; verify with PCR0, 1, 2 or 8 pinned, or call allowAnyEnclaveImage() on the "
                + "sealer if something else decides.", refused.getMessage());
    }

    @Test
    void aDocumentVerifiedWithAllowDebugEnclavesIsRefused() throws Exception {
        VerifiedAttestation debugAllowed = Enclaves.verifier().expectPcrs(ExpectedPcrs.builder().accept(0, pcr0)
                .build()).allowDebugEnclaves().clock(Enclaves.documentClock()).anyAge().build()
                .verify(document, Expectations.withoutNonce());
        SecretRefusedException refused = assertThrows(SecretRefusedException.class,
                () -> SecretSealer.create().seal(debugAllowed, SECRET, SecretFormat.KMS));
        assertEquals(SecretRefusal.DEBUG_ENCLAVES_ALLOWED, refused.reason());
        assertTrue(refused.getMessage().contains("allowDebugEnclaves()"), refused.getMessage());
        byte[] sealed = SecretSealer.create().allowDebugEnclaves().seal(debugAllowed, SECRET, SecretFormat.KMS);
        assertArrayEquals(SECRET, Enclaves.ENCLAVE.open(sealed));
    }

    @Test
    void aDocumentVerifiedWithTheImagePinnedIsSealedTo() throws Exception {
        VerifiedAttestation pinned = Enclaves.verifiedWith(Enclaves.ENCLAVE.publicKey().toByteArray());
        assertTrue(pinned.policy().imagePinned());
        assertArrayEquals(SECRET, Enclaves.ENCLAVE.openAuthenticated(SecretSealer.create().seal(pinned, SECRET)));
    }

    @Test
    void eachRelaxationLeavesTheSealerItCameFromStrict() throws Exception {
        VerifiedAttestation any = Enclaves.verifier().acceptAnyEnclaveImage().allowDebugEnclaves()
                .clock(Enclaves.documentClock()).anyAge().build().verify(document, Expectations.withoutNonce());
        SecretSealer strict = SecretSealer.create();
        SecretSealer relaxed = strict.allowAnyEnclaveImage().allowDebugEnclaves();
        assertArrayEquals(SECRET, Enclaves.ENCLAVE.open(relaxed.seal(any, SECRET)));
        assertEquals(SecretRefusal.IMAGE_NOT_PINNED,
                assertThrows(SecretRefusedException.class, () -> strict.seal(any, SECRET)).reason());
        assertEquals(SecretRefusal.DEBUG_ENCLAVES_ALLOWED, assertThrows(SecretRefusedException.class,
                () -> strict.allowAnyEnclaveImage().seal(any, SECRET)).reason());
    }
}
