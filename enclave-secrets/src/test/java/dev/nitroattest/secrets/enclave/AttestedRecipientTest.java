package dev.nitroattest.secrets.enclave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.secrets.SecretFormat;
import dev.nitroattest.secrets.SecretRefusal;
import dev.nitroattest.secrets.SecretRefusedException;
import dev.nitroattest.secrets.SecretSealer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The enclave's recipient: its key in the NSM's document, a relying service sealing to it, the recipient opening. */
class AttestedRecipientTest {
    private static final byte[] SECRET = "only for this image".getBytes(StandardCharsets.UTF_8);

    @Test
    void theDocumentCarriesTheKeyTheNonceAndUserDataAndWhatIsSealedToItOpens() throws Exception {
        EmulatedNsm nsm = EmulatedNsm.builder().build();
        try (NsmClient client = new NsmClient(nsm); AttestedRecipient recipient = AttestedRecipient.create(client)) {
            byte[] nonce = {1, 2, 3};
            byte[] userData = {9};
            Bytes document = recipient.attestationDocument(nonce, userData);
            AttestationVerifier verifier = AttestationVerifier.builder()
                    .trustAnchors(TrustAnchor.fromPem(nsm.rootCertificatePem())).acceptAnyEnclaveImage()
                    .allowDebugEnclaves().maxAge(Duration.ofMinutes(1)).build();
            VerifiedAttestation verified = verifier.verify(document.toByteArray(), Expectations.nonce(nonce)
                    .withUserData(userData).withPublicKey(recipient.publicKey().toByteArray()));
            // The emulator's PCRs are all zero, a debug enclave's: only a sealer told so seals to it.
            SecretSealer sealer = SecretSealer.create().allowAnyEnclaveImage().allowDebugEnclaves();
            byte[] sealed = sealer.seal(verified, SECRET);
            assertArrayEquals(SECRET, recipient.open(sealed));
            assertArrayEquals(SECRET, recipient.openAuthenticated(sealed));
            byte[] kmsForm = sealer.seal(verified, SECRET, SecretFormat.KMS);
            assertArrayEquals(SECRET, recipient.open(kmsForm));
            assertEquals(SecretRefusal.UNAUTHENTICATED_FORMAT, assertThrows(SecretRefusedException.class,
                    () -> recipient.openAuthenticated(kmsForm)).reason());
        }
    }

    @Test
    void aClosedRecipientOpensNothingAndAnotherRecipientsEnvelopeIsRefused() throws Exception {
        EmulatedNsm nsm = EmulatedNsm.builder().build();
        try (NsmClient client = new NsmClient(nsm)) {
            AttestedRecipient first = AttestedRecipient.create(client);
            AttestedRecipient second = AttestedRecipient.create(client);
            AttestationVerifier verifier = AttestationVerifier.builder()
                    .trustAnchors(TrustAnchor.fromPem(nsm.rootCertificatePem())).acceptAnyEnclaveImage()
                    .allowDebugEnclaves().maxAge(Duration.ofMinutes(1)).build();
            byte[] sealed = SecretSealer.create().allowAnyEnclaveImage().allowDebugEnclaves().seal(verifier.verify(
                    first.attestationDocument(null, null).toByteArray(), Expectations.withoutNonce()), SECRET);
            SecretRefusedException refused = assertThrows(SecretRefusedException.class, () -> second.open(sealed));
            assertEquals(SecretRefusal.WRONG_RECIPIENT, refused.reason());
            first.close();
            assertThrows(IllegalStateException.class, () -> first.open(sealed));
            second.close();
        }
    }

    @Test
    void fieldsOverTheNsmLimitAreRefusedWithIllegalArgument() throws Exception {
        try (NsmClient client = new NsmClient(EmulatedNsm.builder().build());
                AttestedRecipient recipient = AttestedRecipient.create(client)) {
            assertThrows(IllegalArgumentException.class, () -> recipient.attestationDocument(new byte[1025], null));
        }
    }
}
