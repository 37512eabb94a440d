package dev.nitroattest.attestation;

import static dev.nitroattest.attestation.Fixtures.PKI;
import static dev.nitroattest.attestation.Fixtures.document;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.Certificate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A certificate's signature value must be the DER of two integers; anything else, down to an empty BIT STRING, is a
 * typed rejection naming the certificate, never an exception from the decoder (an empty value made Bouncy Castle's
 * decoder return null, which escaped as a NullPointerException; Wycheproof's DER vectors found it).
 */
@DisplayName("certificate signature values")
class CertificateSignatureValueTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "30", "3000", "300302010102", "3006020101020101ff", "0500", "3006020101020101"
        + "00", "308006020101020101 0000"})
    void aSignatureValueThatIsNotTwoDerIntegersIsRefusedAsUntrusted(String hex) throws Exception {
        byte[] value = java.util.HexFormat.of().parseHex(hex.replace(" ", ""));
        Certificate leaf = Certificate.getInstance(PKI.leaf().der());
        byte[] forged = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {leaf.getTBSCertificate(),
            leaf.getSignatureAlgorithm(), new DERBitString(value)}).getEncoded(ASN1Encoding.DER);
        DocumentRejectedException rejection = Fixtures.assertRejected(RejectionReason.UNTRUSTED_CHAIN,
                document().certificate(forged).build());
        assertTrue(rejection.detail().contains("signature value"), rejection.detail());
    }
}
