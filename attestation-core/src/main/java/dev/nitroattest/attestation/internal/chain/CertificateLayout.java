package dev.nitroattest.attestation.internal.chain;

import dev.nitroattest.der.DerException;
import dev.nitroattest.der.DerReader;
import dev.nitroattest.der.DerReader.BitString;
import dev.nitroattest.der.DerReader.Element;
import dev.nitroattest.der.ObjectIdentifier;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the fields of an X.509 certificate (RFC 5280 4.1) stand in its DER, and the values of the simple ones: the
 * structure alone, each field of the type and in the place the ASN.1 module gives it. The profile's rules (version 3,
 * ecdsa-with-SHA384, P-384) are {@link CertificateDecoder}'s; the DER of the whole certificate is checked before by
 * {@link dev.nitroattest.der.StrictDer}, so the contents read here are already in their one form.
 *
 * @param der the certificate's bytes, which every element points into; not copied, not modified
 * @param tbs the TBSCertificate, the signed part
 * @param version the X.509 version number: 1, 2 or 3 (its encoded value plus one)
 * @param serialNumber the serial number
 * @param innerAlgorithm the signature AlgorithmIdentifier inside the signed part
 * @param issuer the issuer Name
 * @param issuerText the issuer as {@link DistinguishedNameText} shows it
 * @param notBefore the start of validity, a UTCTime or GeneralizedTime
 * @param notAfter the end of validity, a UTCTime or GeneralizedTime
 * @param subject the subject Name
 * @param subjectText the subject as {@link DistinguishedNameText} shows it
 * @param keyAlgorithm the SubjectPublicKeyInfo's algorithm
 * @param publicKey the SubjectPublicKeyInfo's BIT STRING
 * @param extensions the extensions in their order, empty when there are none
 * @param outerAlgorithm the signature AlgorithmIdentifier outside the signed part
 * @param signature the signature BIT STRING
 */
record CertificateLayout(
        byte[] der,
        Element tbs,
        int version,
        BigInteger serialNumber,
        Algorithm innerAlgorithm,
        Element issuer,
        String issuerText,
        Element notBefore,
        Element notAfter,
        Element subject,
        String subjectText,
        Algorithm keyAlgorithm,
        BitString publicKey,
        List<Extension> extensions,
        Algorithm outerAlgorithm,
        BitString signature) {

    private static final int UNIQUE_ID_TAGS = DerReader.CONTEXT_SPECIFIC;
    private static final int ISSUER_UNIQUE_ID = UNIQUE_ID_TAGS | 1;
    private static final int SUBJECT_UNIQUE_ID = UNIQUE_ID_TAGS | 2;

    /**
     * Reads a certificate's structure.
     *
     * @throws DerException if an element is missing, of another type or in another place than RFC 5280 gives it,
     *     if bytes follow the certificate, if the issuer is an empty name or a name has an empty relative name, or if
     *     an extension appears twice
     */
    static CertificateLayout parse(byte[] der) throws DerException {
        DerReader outer = DerReader.of(der);
        Element certificate = outer.read(DerReader.SEQUENCE, "the certificate");
        outer.requireEnd("the certificate");
        DerReader fields = DerReader.contentOf(der, certificate);
        Element tbs = fields.read(DerReader.SEQUENCE, "tbsCertificate");
        Algorithm outerAlgorithm = Algorithm.read(der, fields, "signatureAlgorithm");
        BitString signature = fields.readBitString("signatureValue");
        fields.requireEnd("signatureValue");

        DerReader tbsFields = DerReader.contentOf(der, tbs);
        int version = 1;
        Element explicitVersion = tbsFields.readOptional(DerReader.contextConstructed(0));
        if (explicitVersion != null) {
            DerReader versionReader = DerReader.contentOf(der, explicitVersion);
            BigInteger value = versionReader.readInteger("version");
            versionReader.requireEnd("version");
            if (value.signum() < 0 || value.compareTo(BigInteger.TWO) > 0) {
                throw new DerException("version " + value + " is not one X.509 defines (0, 1 or 2)");
            }
            version = value.intValue() + 1;
        }
        BigInteger serialNumber = tbsFields.readInteger("serialNumber");
        Algorithm innerAlgorithm = Algorithm.read(der, tbsFields, "signature");
        Element issuer = tbsFields.read(DerReader.SEQUENCE, "issuer");
        if (issuer.length() == 0) {
            throw new DerException("the issuer is an empty name, which RFC 5280 (4.1.2.4) forbids");
        }
        DerReader validity = DerReader.contentOf(der, tbsFields.read(DerReader.SEQUENCE, "validity"));
        Element notBefore = readTime(validity, "notBefore");
        Element notAfter = readTime(validity, "notAfter");
        validity.requireEnd("notAfter");
        Element subject = tbsFields.read(DerReader.SEQUENCE, "subject");
        DerReader keyInfo = DerReader.contentOf(der, tbsFields.read(DerReader.SEQUENCE, "subjectPublicKeyInfo"));
        Algorithm keyAlgorithm = Algorithm.read(der, keyInfo, "the key's algorithm");
        BitString publicKey = keyInfo.readBitString("subjectPublicKey");
        keyInfo.requireEnd("subjectPublicKey");

        if (version == 1 && !tbsFields.atEnd()) {
            throw new DerException("an X.509 version 1 certificate has fields after subjectPublicKeyInfo");
        }
        if (tbsFields.nextHasTag(ISSUER_UNIQUE_ID)) {
            tbsFields.readBitString(ISSUER_UNIQUE_ID, "issuerUniqueID");
        }
        if (tbsFields.nextHasTag(SUBJECT_UNIQUE_ID)) {
            tbsFields.readBitString(SUBJECT_UNIQUE_ID, "subjectUniqueID");
        }
        List<Extension> extensions = List.of();
        Element explicitExtensions = tbsFields.readOptional(DerReader.contextConstructed(3));
        if (explicitExtensions != null) {
            if (version == 2) {
                throw new DerException("an X.509 version 2 certificate has extensions");
            }
            extensions = readExtensions(der, explicitExtensions);
        }
        tbsFields.requireEnd("the last field of tbsCertificate");
        return new CertificateLayout(der, tbs, version, serialNumber, innerAlgorithm, issuer,
                DistinguishedNameText.of(der, issuer, "issuer"), notBefore, notAfter, subject,
                DistinguishedNameText.of(der, subject, "subject"), keyAlgorithm, publicKey, extensions, outerAlgorithm,
                signature);
    }

    private static Element readTime(DerReader validity, String field) throws DerException {
        int tag = validity.peekTag();
        if (tag != DerReader.UTC_TIME && tag != DerReader.GENERALIZED_TIME) {
            throw new DerException(field + " is neither a UTCTime nor a GeneralizedTime");
        }
        return validity.next();
    }

    private static List<Extension> readExtensions(byte[] der, Element explicitExtensions) throws DerException {
        DerReader wrapper = DerReader.contentOf(der, explicitExtensions);
        DerReader list = DerReader.contentOf(der, wrapper.read(DerReader.SEQUENCE, "extensions"));
        wrapper.requireEnd("the extensions");
        List<Extension> extensions = new ArrayList<>();
        Set<ObjectIdentifier> seen = new HashSet<>();
        while (!list.atEnd()) {
            DerReader extension = DerReader.contentOf(der, list.read(DerReader.SEQUENCE, "an extension"));
            ObjectIdentifier id = extension.readObjectIdentifier("extnID");
            boolean criticalWritten = extension.nextHasTag(DerReader.BOOLEAN);
            boolean critical = criticalWritten && extension.readBoolean("critical");
            Element value = extension.read(DerReader.OCTET_STRING, "extnValue");
            extension.requireEnd("an extension's extnValue");
            if (!seen.add(id)) {
                throw new DerException("the extension " + id + " appears twice");
            }
            extensions.add(new Extension(id, critical, criticalWritten, value));
        }
        return List.copyOf(extensions);
    }

    /** The public key's encoded point: the BIT STRING's bytes. */
    byte[] publicKeyPoint() {
        return publicKey.bytes().clone();
    }

    /**
     * An AlgorithmIdentifier: {@code SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }}.
     *
     * @param encoding the whole AlgorithmIdentifier
     * @param id the algorithm
     * @param parameters the parameters, or null when there are none
     */
    record Algorithm(Element encoding, ObjectIdentifier id, Element parameters) {
        static Algorithm read(byte[] der, DerReader fields, String what) throws DerException {
            Element encoding = fields.read(DerReader.SEQUENCE, what);
            DerReader algorithm = DerReader.contentOf(der, encoding);
            ObjectIdentifier id = algorithm.readObjectIdentifier(what);
            Element parameters = algorithm.atEnd() ? null : algorithm.next();
            algorithm.requireEnd(what + "'s parameters");
            return new Algorithm(encoding, id, parameters);
        }
    }

    /**
     * One extension.
     *
     * @param id extnID
     * @param critical whether it is critical
     * @param criticalWritten whether the critical flag is written at all (DER leaves out a FALSE)
     * @param value the extnValue OCTET STRING, whose content is the extension's own DER
     */
    record Extension(ObjectIdentifier id, boolean critical, boolean criticalWritten, Element value) {
    }
}
