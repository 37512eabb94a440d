package dev.nitroattest.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nitroattest.testkit.DocumentBuilder;
import dev.nitroattest.testkit.ForgedDocument;
import dev.nitroattest.testkit.Forgeries;
import dev.nitroattest.testkit.TestPki;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** The standard test-kit PKI, a verifier pinned to its root with the clock at the document time, and helpers. */
final class Fixtures {
    static final TestPki PKI = TestPki.standard();
    static final Instant DOCUMENT_TIME = PKI.documentTime();
    static final TrustAnchor TEST_ROOT = TrustAnchor.fromDer(PKI.root().der());

    private Fixtures() {
    }

    /** A document of the standard PKI, valid in every respect at {@link #DOCUMENT_TIME}. */
    static DocumentBuilder document() {
        return DocumentBuilder.forPki(PKI);
    }

    /** A builder for a verifier that trusts only the test root, accepts any image, and lives at the document time. */
    static AttestationVerifier.Builder verifierBuilder() {
        return AttestationVerifier.builder().trustAnchors(TEST_ROOT).acceptAnyEnclaveImage()
                .clock(Clock.fixed(DOCUMENT_TIME, ZoneOffset.UTC)).anyAge();
    }

    static AttestationVerifier verifier() {
        return verifierBuilder().build();
    }

    /** Asserts that verification rejects the document for {@code reason}, and returns the rejection. */
    static DocumentRejectedException assertRejected(RejectionReason reason, AttestationVerifier verifier, byte[] document) {
        return assertRejectedWith(reason, verifier, document, Expectations.withoutNonce());
    }

    /** Asserts that verification with these expectations rejects the document for {@code reason}. */
    static DocumentRejectedException assertRejectedWith(RejectionReason reason, AttestationVerifier verifier,
            byte[] document, Expectations expectations) {
        DocumentRejectedException rejection = assertThrows(DocumentRejectedException.class,
                () -> verifier.verify(document, expectations));
        assertEquals(reason, rejection.reason(), rejection::getMessage);
        return rejection;
    }

    static DocumentRejectedException assertRejected(RejectionReason reason, byte[] document) {
        return assertRejected(reason, verifier(), document);
    }

    /** Asserts that parsing alone rejects the document for {@code reason}. */
    static DocumentRejectedException assertUnparseable(RejectionReason reason, byte[] document) {
        DocumentRejectedException rejection =
                assertThrows(DocumentRejectedException.class, () -> AttestationDocument.parse(document));
        assertEquals(reason, rejection.reason(), rejection::getMessage);
        return rejection;
    }

    /**
     * The kit's forgeries, signed once per JVM on first use: several test classes read them, and a mutation run
     * repeats those tests once per mutant in the same JVM, where signing the hundreds again would dominate it.
     */
    static List<ForgedDocument> forgeries() {
        return SignedOnce.FORGERIES;
    }

    private static final class SignedOnce {
        static final List<ForgedDocument> FORGERIES = Forgeries.all(PKI);
    }
}
