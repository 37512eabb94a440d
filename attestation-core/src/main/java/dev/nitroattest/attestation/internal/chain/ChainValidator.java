package dev.nitroattest.attestation.internal.chain;

import dev.nitroattest.attestation.internal.CertificatePosition;
import dev.nitroattest.attestation.internal.ExactBytes;
import dev.nitroattest.attestation.internal.Fault;
import dev.nitroattest.attestation.internal.Rejection;
import dev.nitroattest.attestation.internal.ValidityBoundCache;
import dev.nitroattest.attestation.internal.crypto.P384KeyCache;
import dev.nitroattest.attestation.internal.crypto.P384PublicKey;
import dev.nitroattest.text.PrintableText;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Validates leaf <- cabundle[N] <- ... <- cabundle[1] <- anchor, where cabundle[0] must be, byte for byte,
 * one of the pinned anchors. No certificate from the document is ever trusted on its own: the anchor is
 * only ever the pinned one, and every signature is checked top-down with a key that is already trusted.
 *
 * <p>The cheap checks (names, constraints, validity) run before any signature, so a forged chain costs
 * little to reject.
 */
public final class ChainValidator {
    /** Enough for every CA key of a large fleet's regions, zones and hosts, and the leaves in use. */
    private static final int KEY_CACHE_SIZE = 1024;
    /**
     * Verified certificate signatures kept: the CAs of a large fleet's regions, zones and hosts, and the leaves of
     * the last hours. Each entry holds references to bytes the chain cache or the document holds anyway.
     */
    static final int LINK_CACHE_SIZE = 4096;

    private final List<DecodedCertificate> anchors;
    private final P384KeyCache keys = new P384KeyCache(KEY_CACHE_SIZE);
    /** Null when the verifier caches nothing of its chains. */
    private final LinkCache links;
    /**
     * Decoded intermediates, by their exact bytes: a new leaf, genuine or forged, then costs the decoding of its own
     * certificate only. A decoding holds no verdict; every check still runs on it.
     */
    private final ValidityBoundCache<ExactBytes, DecodedCertificate> intermediates;
    /** Certificate signatures checked with arithmetic, for tests that prove what the link cache saves. */
    private final LongAdder signatureChecks = new LongAdder();

    /**
     * A validator for these anchors.
     *
     * @param remember whether to keep verified certificate signatures and decoded intermediates; without, every
     *     chain is decoded and every signature checked, as a verifier with its chain cache disabled promises
     */
    public ChainValidator(List<DecodedCertificate> anchors, boolean remember) {
        this.anchors = List.copyOf(anchors);
        this.links = remember ? new LinkCache(LINK_CACHE_SIZE) : null;
        this.intermediates = remember ? new ValidityBoundCache<>(KEY_CACHE_SIZE) : null;
    }

    public ValidatedChain validate(byte[] leafDer, List<byte[]> cabundle, Instant at) throws Rejection {
        DecodedCertificate anchor = anchorMatching(cabundle.get(0));
        List<DecodedCertificate> path = new ArrayList<>(cabundle.size() + 1);
        path.add(anchor);
        for (int i = 1; i < cabundle.size(); i++) {
            path.add(intermediate(cabundle.get(i), CertificatePosition.inBundle(i), at));
        }
        path.add(CertificateDecoder.decode(leafDer, CertificatePosition.LEAF, keys));

        List<byte[]> ders = new ArrayList<>(path.size());
        ders.add(null);
        ders.addAll(cabundle.subList(1, cabundle.size()));
        ders.add(leafDer);

        checkStructure(path);
        checkValidity(path, at);
        checkSignatures(path, ders, at);
        for (DecodedCertificate certificate : path) {
            keys.keep(certificate.publicKey());
        }
        return chainOf(path);
    }

    private DecodedCertificate intermediate(byte[] der, CertificatePosition position, Instant at) throws Rejection {
        if (intermediates == null) {
            return CertificateDecoder.decode(der, position, keys);
        }
        ExactBytes key = new ExactBytes(der);
        DecodedCertificate cached = intermediates.get(key, at);
        if (cached != null) {
            return cached.at(position);
        }
        DecodedCertificate decoded = CertificateDecoder.decode(der, position, keys);
        intermediates.put(key, decoded, decoded.notBefore(), decoded.notAfter(), at);
        return decoded;
    }

    private DecodedCertificate anchorMatching(byte[] first) throws Rejection {
        for (DecodedCertificate anchor : anchors) {
            if (MessageDigest.isEqual(anchor.info().der(), first)) {
                return anchor;
            }
        }
        throw Rejection.ofCertificate(Fault.UNTRUSTED_CHAIN, CertificatePosition.inBundle(0),
                "cabundle[0] is not a pinned trust anchor; the chain must start at the pinned root.");
    }

    /**
     * The AWS specification's steps 3.2.3.2 and 3.2.3.3, after the names: each certificate names the one above
     * it as its issuer; the leaf has digitalSignature and is no CA; every issuing certificate is a CA with a
     * critical basicConstraints, keyCertSign and a pathLen that allows the CAs below it.
     *
     * <p>Linkage comes first, so that a certificate that is not issued by the one above it (a self-signed CA
     * appended to the bundle) is rejected for that and not for the depth it adds; the CAs are then checked from
     * the leaf up, so that an extra CA breaks the nearest pathLen before the ones above.
     */
    private static void checkStructure(List<DecodedCertificate> path) throws Rejection {
        int leafIndex = path.size() - 1;
        for (int i = 1; i <= leafIndex; i++) {
            DecodedCertificate issued = path.get(i);
            if (!Arrays.equals(issued.issuerDer(), path.get(i - 1).subjectDer())) {
                throw untrusted(path, i, " names the issuer "
                        + PrintableText.fromCertificate(issued.info().issuer())
                        + ", not the certificate above it in the chain.");
            }
        }
        DecodedCertificate leaf = path.get(leafIndex);
        if (leaf.isCa() || leaf.pathLength() >= 0) {
            throw untrusted(path, leafIndex, " is a CA certificate; documents are signed by an end-entity key.");
        }
        if (!leaf.hasKeyUsage(KeyUsageBit.DIGITAL_SIGNATURE)) {
            throw untrusted(path, leafIndex, " lacks the keyUsage digitalSignature that signing documents needs.");
        }
        for (int i = leafIndex - 1; i >= 0; i--) {
            DecodedCertificate ca = path.get(i);
            if (!ca.isCa()) {
                throw untrusted(path, i, " issues a certificate but is not a CA (basicConstraints cA is not true).");
            }
            if (!ca.basicConstraintsCritical()) {
                throw untrusted(path, i, " is a CA whose basicConstraints extension is not critical.");
            }
            if (!ca.hasKeyUsage(KeyUsageBit.KEY_CERT_SIGN)) {
                throw untrusted(path, i, " issues a certificate but its keyUsage lacks keyCertSign.");
            }
            int casBelow = leafIndex - 1 - i;
            if (ca.pathLength() >= 0 && casBelow > ca.pathLength()) {
                throw untrusted(path, i, " allows " + ca.pathLength() + " CA(s) below it (pathLen) but has "
                        + casBelow + ".");
            }
        }
    }

    private static void checkValidity(List<DecodedCertificate> path, Instant at) throws Rejection {
        for (int i = path.size() - 1; i >= 0; i--) {
            DecodedCertificate certificate = path.get(i);
            if (at.isAfter(certificate.notAfter())) {
                throw rejection(Fault.CERTIFICATE_EXPIRED, path, i,
                        " expired at " + certificate.notAfter() + ", before the verification time " + at + ".");
            }
            if (at.isBefore(certificate.notBefore())) {
                throw rejection(Fault.CERTIFICATE_NOT_YET_VALID, path, i,
                        " is valid only from " + certificate.notBefore() + ", after the verification time " + at
                        + ".");
            }
        }
    }

    /**
     * Top-down, each certificate with the key above it, skipping a signature this validator verified before: the
     * same issuer key over the same bytes. A new leaf under known intermediates so costs one check.
     */
    private void checkSignatures(List<DecodedCertificate> path, List<byte[]> ders, Instant at)
            throws Rejection {
        for (int i = 1; i < path.size(); i++) {
            DecodedCertificate issued = path.get(i);
            byte[] issuerKey = path.get(i - 1).publicKey().encoded();
            if (links != null && links.verified(issuerKey, ders.get(i), at)) {
                continue;
            }
            signatureChecks.increment();
            P384PublicKey signer = path.get(i - 1).publicKey();
            if (!signer.verifyDigest(issued.tbsDigest(), issued.signatureR(), issued.signatureS())) {
                throw untrusted(path, i, " does not carry a valid signature of the certificate above it.");
            }
            if (links != null) {
                links.remember(issuerKey, ders.get(i), issued.notBefore(), issued.notAfter(), at);
            }
        }
    }

    /** How many certificate signatures were checked with arithmetic (not found in the link cache). */
    public long signatureChecks() {
        return signatureChecks.sum();
    }

    /** How many verified links are kept. */
    int cachedLinkCount() {
        return links == null ? 0 : links.size();
    }

    private static ValidatedChain chainOf(List<DecodedCertificate> path) {
        List<CertificateFields> leafFirst = new ArrayList<>(path.size());
        Instant validFrom = Instant.MIN;
        Instant validUntil = Instant.MAX;
        for (int i = path.size() - 1; i >= 0; i--) {
            CertificateFields info = path.get(i).info();
            leafFirst.add(info);
            validFrom = info.notBefore().isAfter(validFrom) ? info.notBefore() : validFrom;
            validUntil = info.notAfter().isBefore(validUntil) ? info.notAfter() : validUntil;
        }
        return new ValidatedChain(List.copyOf(leafFirst), path.get(path.size() - 1).publicKey(), validFrom, validUntil);
    }

    private static Rejection untrusted(List<DecodedCertificate> path, int i, String predicate) {
        return rejection(Fault.UNTRUSTED_CHAIN, path, i, predicate);
    }

    /**
     * A rejection of the certificate at {@code i} in the path, located by that place: the last is the leaf, every
     * other one the cabundle entry of the same index (the pinned anchor stands where cabundle[0] is, byte for byte).
     *
     * @param predicate the rest of the sentence after the certificate's label, starting with a space
     */
    private static Rejection rejection(Fault fault, List<DecodedCertificate> path, int i, String predicate) {
        CertificatePosition position = i == path.size() - 1 ? CertificatePosition.LEAF
                : CertificatePosition.inBundle(i);
        return Rejection.ofCertificate(fault, position, path.get(i).label() + predicate);
    }
}
