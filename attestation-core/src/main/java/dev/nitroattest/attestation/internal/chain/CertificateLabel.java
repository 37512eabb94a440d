package dev.nitroattest.attestation.internal.chain;

import dev.nitroattest.attestation.internal.CertificatePosition;
import dev.nitroattest.attestation.internal.Fault;
import dev.nitroattest.attestation.internal.Rejection;

/**
 * A certificate as a rejection names and locates it: where it stands, and the words its sentence starts with
 * ("cabundle[2] (CN=...)", "The leaf certificate (CN=...)"). The rejection's location comes from the position, the
 * sentence from the text; neither is derived from the other.
 *
 * @param position where the certificate stands
 * @param text the certificate's name in sentences, its position's name and, once decoded, its subject
 */
record CertificateLabel(CertificatePosition position, String text) {
    /** The certificate before its subject is known. */
    static CertificateLabel of(CertificatePosition position) {
        return new CertificateLabel(position, position.name());
    }

    /** The certificate named with its subject, already made printable. */
    CertificateLabel withSubject(String printableSubject) {
        return new CertificateLabel(position, position.name() + " (" + printableSubject + ")");
    }

    /**
     * A rejection of this certificate as {@link Fault#UNTRUSTED_CHAIN}.
     *
     * @param predicate the rest of the sentence after the certificate's name, starting with a space
     */
    Rejection untrusted(String predicate) {
        return reject(Fault.UNTRUSTED_CHAIN, predicate);
    }

    /**
     * A rejection of this certificate.
     *
     * @param predicate the rest of the sentence after the certificate's name, starting with a space
     */
    Rejection reject(Fault fault, String predicate) {
        return Rejection.ofCertificate(fault, position, text + predicate);
    }
}
