package dev.nitroattest.tls;

import java.math.BigInteger;
import java.security.Principal;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Set;

/**
 * A certificate whose encoding is whatever the test says, the rest taken from a real one: what a TLS library with its
 * own certificate parser (or a bug) could hand the trust manager, which must judge the bytes, not the JDK's parse.
 */
final class EncodedCertificate extends X509Certificate {
    private static final long serialVersionUID = 1L;

    private final byte[] encoded;
    private final X509Certificate real;

    EncodedCertificate(byte[] encoded, X509Certificate real) {
        this.encoded = encoded.clone();
        this.real = real;
    }

    @Override
    public byte[] getEncoded() {
        return encoded.clone();
    }

    @Override
    public void checkValidity() throws java.security.cert.CertificateExpiredException,
            java.security.cert.CertificateNotYetValidException {
        real.checkValidity();
    }

    @Override
    public void checkValidity(Date date) throws java.security.cert.CertificateExpiredException,
            java.security.cert.CertificateNotYetValidException {
        real.checkValidity(date);
    }

    @Override
    public int getVersion() {
        return real.getVersion();
    }

    @Override
    public BigInteger getSerialNumber() {
        return real.getSerialNumber();
    }

    @Override
    public Principal getIssuerDN() {
        return real.getIssuerX500Principal();
    }

    @Override
    public Principal getSubjectDN() {
        return real.getSubjectX500Principal();
    }

    @Override
    public Date getNotBefore() {
        return real.getNotBefore();
    }

    @Override
    public Date getNotAfter() {
        return real.getNotAfter();
    }

    @Override
    public byte[] getTBSCertificate() throws java.security.cert.CertificateEncodingException {
        return real.getTBSCertificate();
    }

    @Override
    public byte[] getSignature() {
        return real.getSignature();
    }

    @Override
    public String getSigAlgName() {
        return real.getSigAlgName();
    }

    @Override
    public String getSigAlgOID() {
        return real.getSigAlgOID();
    }

    @Override
    public byte[] getSigAlgParams() {
        return real.getSigAlgParams();
    }

    @Override
    public boolean[] getIssuerUniqueID() {
        return real.getIssuerUniqueID();
    }

    @Override
    public boolean[] getSubjectUniqueID() {
        return real.getSubjectUniqueID();
    }

    @Override
    public boolean[] getKeyUsage() {
        return real.getKeyUsage();
    }

    @Override
    public int getBasicConstraints() {
        return real.getBasicConstraints();
    }

    @Override
    public void verify(PublicKey key) {
        throw new UnsupportedOperationException("not needed by the trust manager");
    }

    @Override
    public void verify(PublicKey key, String sigProvider) {
        throw new UnsupportedOperationException("not needed by the trust manager");
    }

    @Override
    public String toString() {
        return "a certificate of " + encoded.length + " test-chosen bytes";
    }

    @Override
    public PublicKey getPublicKey() {
        return real.getPublicKey();
    }

    @Override
    public boolean hasUnsupportedCriticalExtension() {
        return real.hasUnsupportedCriticalExtension();
    }

    @Override
    public Set<String> getCriticalExtensionOIDs() {
        return real.getCriticalExtensionOIDs();
    }

    @Override
    public Set<String> getNonCriticalExtensionOIDs() {
        return real.getNonCriticalExtensionOIDs();
    }

    @Override
    public byte[] getExtensionValue(String oid) {
        return real.getExtensionValue(oid);
    }
}
