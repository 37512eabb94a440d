package dev.nitroattest.tls;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.der.DerException;
import dev.nitroattest.der.DerReader;
import dev.nitroattest.der.DerReader.Element;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * What an attested TLS certificate holds, read from its exact DER: the SubjectPublicKeyInfo as encoded there, the
 * attestation document from the {@link AttestationExtension} (present once, not critical, one OCTET STRING) and the
 * validity. Nothing here is verified: {@link AttestedTrustManager} verifies the document and the binding. The CLI
 * and diagnostics use it to show what a peer presented.
 */
public final class AttestedCertificate {
    private static final byte[] OID_CONTENT = AttestationExtension.oidContent();

    private final Bytes der;
    private final Bytes subjectPublicKeyInfo;
    private final byte[] document;
    private final Instant notBefore;
    private final Instant notAfter;

    private AttestedCertificate(Bytes der, Bytes subjectPublicKeyInfo, byte[] document, Instant notBefore,
            Instant notAfter) {
        this.der = der;
        this.subjectPublicKeyInfo = subjectPublicKeyInfo;
        this.document = document;
        this.notBefore = notBefore;
        this.notAfter = notAfter;
    }

    /**
     * Reads a certificate's DER (from {@link X509Certificate#getEncoded()}).
     *
     * @param certificate the peer's certificate
     * @return what it holds
     * @throws TlsBindingException {@link TlsBindingReason#MALFORMED_CERTIFICATE}, {@link
     *     TlsBindingReason#NO_ATTESTATION_EXTENSION}, {@link TlsBindingReason#EXTENSION_CRITICAL}, {@link
     *     TlsBindingReason#EXTENSION_DUPLICATED} or {@link TlsBindingReason#EXTENSION_MALFORMED}
     */
    public static AttestedCertificate of(X509Certificate certificate) throws TlsBindingException {
        byte[] der = encoded(certificate);
        return read(certificate, der, Bytes.of(der));
    }

    /**
     * As {@link #of(X509Certificate)}, from the certificate's DER its caller already has (the trust manager's cache
     * key), so that a certificate is encoded once per verification.
     *
     * @param der the certificate's {@link X509Certificate#getEncoded()}, read here and not kept
     * @param derBytes the same bytes, kept as {@link #der()}
     */
    static AttestedCertificate read(X509Certificate certificate, byte[] der, Bytes derBytes)
            throws TlsBindingException {
        Tbs tbs = tbs(der);
        byte[] document;
        try {
            document = tbs.extensions() == null ? null : document(der, tbs.extensions());
        } catch (DerException e) {
            throw malformed(e);
        }
        if (document == null) {
            throw new TlsBindingException(TlsBindingReason.NO_ATTESTATION_EXTENSION, "The peer's certificate has no "
                    + "attestation extension (" + AttestationExtension.OID + "): it is an ordinary certificate, not "
                    + "an attested enclave's, so whoever presents it is not the enclave.");
        }
        return new AttestedCertificate(derBytes, keyJsseVerifiesWith(certificate, tbs), document,
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
    }

    /**
     * The key as the certificate encodes it, checked to be the key JSSE verifies the handshake's signature with (the
     * JDK's own parse of the certificate, re-encoded): were an unusual encoding read one way here and another way
     * there, the document could bind one key while the handshake proves another.
     */
    private static Bytes keyJsseVerifiesWith(X509Certificate certificate, Tbs tbs) throws TlsBindingException {
        byte[] jdk = certificate.getPublicKey() == null ? null : certificate.getPublicKey().getEncoded();
        if (jdk == null || !tbs.subjectPublicKeyInfo().constantTimeEquals(jdk)) {
            throw new TlsBindingException(TlsBindingReason.MALFORMED_CERTIFICATE, "The peer's certificate encodes its "
                    + "key otherwise than the JDK re-encodes it (an explicit curve or a compressed point), so the key "
                    + "the document binds might not be the key that signs the handshake; an enclave's certificate "
                    + "uses the standard encoding.");
        }
        return tbs.subjectPublicKeyInfo();
    }

    /** The certificate's DER, or a typed refusal. */
    static byte[] encoded(X509Certificate certificate) throws TlsBindingException {
        Objects.requireNonNull(certificate, "certificate");
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new TlsBindingException(TlsBindingReason.MALFORMED_CERTIFICATE, "The peer's certificate cannot be "
                    + "encoded (" + e.getMessage() + "); it is not an attested enclave's.");
        }
    }

    private static TlsBindingException malformed(DerException e) {
        return new TlsBindingException(TlsBindingReason.MALFORMED_CERTIFICATE, "The peer's certificate is not DER "
                + "X.509 (" + e.getMessage() + "); it is not an attested enclave's.");
    }

    /** What the binding needs of tbsCertificate: the key as encoded, and the extensions' place. */
    private record Tbs(Bytes subjectPublicKeyInfo, Element extensions) {
    }

    private static Tbs tbs(byte[] der) throws TlsBindingException {
        try {
            DerReader outer = DerReader.of(der);
            Element certificate = outer.read(DerReader.SEQUENCE, "the certificate");
            outer.requireEnd("the certificate");
            DerReader certificateFields = DerReader.contentOf(der, certificate);
            DerReader tbs = DerReader.contentOf(der, certificateFields.read(DerReader.SEQUENCE, "tbsCertificate"));
            if (tbs.peekTag() == 0xa0) {
                tbs.next();
            }
            tbs.read(DerReader.INTEGER, "serialNumber");
            tbs.read(DerReader.SEQUENCE, "signature");
            tbs.read(DerReader.SEQUENCE, "issuer");
            tbs.read(DerReader.SEQUENCE, "validity");
            tbs.read(DerReader.SEQUENCE, "subject");
            Bytes key = Bytes.of(tbs.read(DerReader.SEQUENCE, "subjectPublicKeyInfo").encoding(der));
            Element extensions = null;
            while (!tbs.atEnd()) {
                Element optional = tbs.next();
                if (optional.tag() == 0xa3 && extensions == null) {
                    extensions = optional;
                } else if (optional.tag() != 0x81 && optional.tag() != 0x82 && optional.tag() != 0xa1
                        && optional.tag() != 0xa2) {
                    throw new DerException("tbsCertificate has an element of tag 0x"
                            + Integer.toHexString(optional.tag()) + " after subjectPublicKeyInfo");
                }
            }
            return new Tbs(key, extensions);
        } catch (DerException e) {
            throw malformed(e);
        }
    }

    /** The document in the one attestation extension, or null when there is none. */
    private static byte[] document(byte[] der, Element explicitExtensions) throws DerException, TlsBindingException {
        DerReader wrapper = DerReader.contentOf(der, explicitExtensions);
        Element sequence = wrapper.read(DerReader.SEQUENCE, "extensions");
        wrapper.requireEnd("the extensions");
        DerReader list = DerReader.contentOf(der, sequence);
        byte[] document = null;
        boolean found = false;
        while (!list.atEnd()) {
            DerReader extension = DerReader.contentOf(der, list.read(DerReader.SEQUENCE, "an extension"));
            byte[] oid = extension.read(DerReader.OBJECT_IDENTIFIER, "extnID").content(der);
            boolean critical = false;
            if (extension.peekTag() == DerReader.BOOLEAN) {
                Element flag = extension.next();
                if (flag.length() != 1) {
                    throw new DerException("a critical flag of " + flag.length() + " bytes");
                }
                critical = der[flag.contentStart()] != 0;
            }
            Element value = extension.read(DerReader.OCTET_STRING, "extnValue");
            extension.requireEnd("an extension's extnValue");
            if (!Arrays.equals(oid, OID_CONTENT)) {
                continue;
            }
            if (found) {
                throw new TlsBindingException(TlsBindingReason.EXTENSION_DUPLICATED, "The peer's certificate "
                        + "carries the attestation extension more than once; an enclave's certificate carries one "
                        + "document, so this one was made by someone else.");
            }
            found = true;
            if (critical) {
                throw new TlsBindingException(TlsBindingReason.EXTENSION_CRITICAL, "The peer's certificate marks "
                        + "the attestation extension critical; the format requires it non-critical, so this "
                        + "certificate was not made by nitro-attest's enclave side.");
            }
            document = documentIn(der, value);
        }
        return document;
    }

    private static byte[] documentIn(byte[] der, Element extnValue) throws TlsBindingException {
        try {
            DerReader value = DerReader.contentOf(der, extnValue);
            Element octets = value.read(DerReader.OCTET_STRING, "the attestation extension's value");
            value.requireEnd("the document's OCTET STRING");
            return octets.content(der);
        } catch (DerException e) {
            throw new TlsBindingException(TlsBindingReason.EXTENSION_MALFORMED, "The peer's attestation extension "
                    + "is not one DER OCTET STRING holding a document (" + e.getMessage() + "); it was not made by "
                    + "nitro-attest's enclave side.");
        }
    }

    /**
     * The certificate's exact DER.
     *
     * @return the bytes
     */
    public Bytes der() {
        return der;
    }

    /**
     * The SubjectPublicKeyInfo exactly as the certificate encodes it: what the document's public_key must equal.
     *
     * @return the DER bytes
     */
    public Bytes subjectPublicKeyInfo() {
        return subjectPublicKeyInfo;
    }

    /**
     * The attestation document the extension carries, unverified.
     *
     * @return a new copy of its bytes
     */
    public byte[] document() {
        return document.clone();
    }

    /**
     * The certificate's notBefore.
     *
     * @return the instant
     */
    public Instant notBefore() {
        return notBefore;
    }

    /**
     * The certificate's notAfter.
     *
     * @return the instant
     */
    public Instant notAfter() {
        return notAfter;
    }
}
