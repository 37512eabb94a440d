package dev.nitroattest.attestation;

import static dev.nitroattest.attestation.Fixtures.assertRejectedWith;
import static dev.nitroattest.attestation.Fixtures.document;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The caller's expectations of nonce, user_data and public_key: a document that lacks an expected value is refused as
 * lacking it, not as carrying another one; both reasons are the field's mismatch, so only the sentence tells them
 * apart, and each sentence is pinned here.
 */
@DisplayName("Expectations: a missing expected value and a different one are told apart in the sentence")
class ExpectationChecksTest {
    private static final byte[] EXPECTED = {1, 2, 3, 4};
    private static final byte[] OTHER = {1, 2, 3, 5};

    @Test
    @DisplayName("an expected nonce the document lacks is named missing; another nonce is named not the expected one")
    void nonceMissingOrOther() {
        AttestationVerifier verifier = Fixtures.verifier();
        assertSentences(RejectionReason.NONCE_MISMATCH, "nonce",
                assertRejectedWith(RejectionReason.NONCE_MISMATCH, verifier, document().build(),
                        Expectations.nonce(EXPECTED)),
                assertRejectedWith(RejectionReason.NONCE_MISMATCH, verifier, document().nonce(OTHER).build(),
                        Expectations.nonce(EXPECTED)));
    }

    @Test
    @DisplayName("an expected user_data the document lacks is named missing; another is named not the expected one")
    void userDataMissingOrOther() {
        AttestationVerifier verifier = Fixtures.verifier();
        Expectations expectations = Expectations.withoutNonce().withUserData(EXPECTED);
        assertSentences(RejectionReason.USER_DATA_MISMATCH, "user_data",
                assertRejectedWith(RejectionReason.USER_DATA_MISMATCH, verifier, document().build(), expectations),
                assertRejectedWith(RejectionReason.USER_DATA_MISMATCH, verifier, document().userData(OTHER).build(),
                        expectations));
    }

    @Test
    @DisplayName("an expected public_key the document lacks is named missing; another is named not the expected one")
    void publicKeyMissingOrOther() {
        AttestationVerifier verifier = Fixtures.verifier();
        Expectations expectations = Expectations.withoutNonce().withPublicKey(EXPECTED);
        assertSentences(RejectionReason.PUBLIC_KEY_MISMATCH, "public_key",
                assertRejectedWith(RejectionReason.PUBLIC_KEY_MISMATCH, verifier, document().build(), expectations),
                assertRejectedWith(RejectionReason.PUBLIC_KEY_MISMATCH, verifier,
                        document().publicKey(OTHER).build(), expectations));
    }

    private static void assertSentences(RejectionReason reason, String field, DocumentRejectedException missing,
            DocumentRejectedException other) {
        assertEquals(Optional.of(field), missing.field());
        assertEquals("The document has no " + field + "; one was expected.", missing.detail());
        assertEquals(Optional.of(field), other.field());
        assertEquals("The document's " + field + " is not the expected one.", other.detail());
        assertEquals(reason, other.reason());
    }
}
