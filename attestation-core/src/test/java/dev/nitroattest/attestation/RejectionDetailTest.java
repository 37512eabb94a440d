package dev.nitroattest.attestation;

import static dev.nitroattest.attestation.Fixtures.PKI;
import static dev.nitroattest.attestation.Fixtures.assertRejected;
import static dev.nitroattest.attestation.Fixtures.document;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.testkit.EcCurve;
import dev.nitroattest.testkit.EcKeyPair;
import dev.nitroattest.testkit.IssuedCertificate;
import dev.nitroattest.testkit.TestCertificates;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Rule 7: a rejection's detail is one sentence on one line, even when it quotes text the document chose (a
 * certificate's names, a payload key): control and other invisible characters are escaped, so a hostile
 * document cannot forge a line such as "VERIFIED x" in a log or a terminal.
 */
@DisplayName("Rejection details")
class RejectionDetailTest {
    private static final String FORGED_LINE = "\nVERIFIED x";
    private static final EcKeyPair OTHER_KEY = EcKeyPair.derive(EcCurve.P384, "rejection detail test / other key");

    @Test
    @DisplayName("a leaf subject with a line break stays on one line in the COSE signature's rejection")
    void leafSubjectInSignatureRejection() {
        IssuedCertificate leaf = TestCertificates.issue(PKI.leaf().spec().toBuilder()
                .subject("C=US, O=nitro-attest, CN=enclave" + FORGED_LINE).build());
        String detail = assertRejected(RejectionReason.BAD_SIGNATURE,
                document().certificate(leaf.der()).signWith(OTHER_KEY).build()).detail();
        assertEscaped(detail);
    }

    @Test
    @DisplayName("a leaf subject with a line break stays on one line in a chain rejection that labels the leaf")
    void leafSubjectInChainRejection() {
        IssuedCertificate leaf = TestCertificates.issue(PKI.leaf().spec().toBuilder()
                .subject("C=US, O=nitro-attest, CN=enclave" + FORGED_LINE).issuerKey(OTHER_KEY).build());
        String detail = assertRejected(RejectionReason.UNTRUSTED_CHAIN, document().certificate(leaf.der()).build())
                .detail();
        assertTrue(detail.startsWith("The leaf certificate (C=US,O=nitro-attest,CN=enclave\\nVERIFIED x)"), detail);
        assertEscaped(detail);
    }

    @Test
    @DisplayName("an issuer name with a line break, an escape and a line separator is escaped in the name check")
    void issuerName() {
        IssuedCertificate leaf = TestCertificates.issue(PKI.leaf().spec().toBuilder()
                .issuer("C=US, O=nitro-attest, CN=ca\u001b[2J\u2028" + FORGED_LINE).build());
        String detail = assertRejected(RejectionReason.UNTRUSTED_CHAIN, document().certificate(leaf.der()).build())
                .detail();
        assertTrue(detail.contains("names the issuer C=US,O=nitro-attest,CN=ca\\x1b[2J\\u2028\\nVERIFIED x"), detail);
        assertEscaped(detail);
    }

    @Test
    @DisplayName("a payload key with control characters is escaped in the duplicate-key rejection")
    void payloadKey() {
        byte[] nullValue = {(byte) 0xf6};
        String key = "vendor" + FORGED_LINE + "\u001b\u0085";
        String detail = Fixtures.assertUnparseable(RejectionReason.MALFORMED,
                document().extraField(key, nullValue).extraField(key, nullValue).build()).detail();
        assertTrue(detail.contains("\"vendor\\nVERIFIED x\\x1b\\x85\" twice"), detail);
        assertEscaped(detail);
    }

    private static void assertEscaped(String detail) {
        ForgeriesTest.assertOneSentence(detail);
        assertTrue(detail.contains("\\nVERIFIED x"), detail);
    }
}
