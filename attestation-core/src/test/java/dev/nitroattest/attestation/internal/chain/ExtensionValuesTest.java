package dev.nitroattest.attestation.internal.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.internal.CertificatePosition;
import dev.nitroattest.attestation.internal.Rejection;
import dev.nitroattest.testkit.TestPki;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Certificate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The critical-flag check reads the extensions from the certificate's structure, where they are the TBSCertificate's
 * last field, [3]: another tagged field in that place (a subjectUniqueID, [2]) is no extensions.
 */
@DisplayName("Extension values read from the certificate's structure")
class ExtensionValuesTest {
    private static final CertificateLabel LEAF = new CertificateLabel(CertificatePosition.LEAF, "the leaf");

    @Test
    @DisplayName("a TBSCertificate whose last field is a subjectUniqueID [2] has no extensions to check")
    void onlyFieldThreeIsTheExtensions() throws Exception {
        Certificate leaf = Certificate.getInstance(TestPki.standard().leaf().der());
        List<ASN1Encodable> fields = new ArrayList<>(List.of(ASN1Sequence.getInstance(leaf.getTBSCertificate()
                .toASN1Primitive()).toArray()));
        assertEquals(3, ((ASN1TaggedObject) fields.get(fields.size() - 1)).getTagNo());
        fields.set(fields.size() - 1, new DERTaggedObject(false, 2, new DERBitString(new byte[] {1, 2})));
        CertificateLayout withUniqueId = layout(fields, leaf);
        assertEquals(List.of(), withUniqueId.extensions());
        ExtensionValues.checkCriticalFlags(withUniqueId.extensions(), LEAF);
        // The same check still reads [3]: the leaf's own extensions pass, an explicit critical FALSE does not.
        ExtensionValues.checkCriticalFlags(CertificateLayout.parse(leaf.getEncoded("DER")).extensions(), LEAF);
        fields.set(fields.size() - 1, new DERTaggedObject(true, 3, new DERSequence(new DERSequence(
                new ASN1Encodable[] {new ASN1ObjectIdentifier("2.5.29.15"), ASN1Boolean.FALSE,
                    new DEROctetString(new byte[] {3, 2, 7, (byte) 0x80})}))));
        CertificateLayout criticalFalse = layout(fields, leaf);
        Rejection rejection = assertThrows(Rejection.class,
                () -> ExtensionValues.checkCriticalFlags(criticalFalse.extensions(), LEAF));
        assertTrue(rejection.detail().contains("writes critical FALSE"), rejection.detail());
    }

    private static CertificateLayout layout(List<ASN1Encodable> tbsFields, Certificate original) throws Exception {
        return CertificateLayout.parse(new DERSequence(new ASN1Encodable[] {
            new DERSequence(tbsFields.toArray(new ASN1Encodable[0])), original.getSignatureAlgorithm(),
            original.getSignature()}).getEncoded("DER"));
    }
}
