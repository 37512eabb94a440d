package dev.nitroattest.attestation;

import dev.nitroattest.attestation.internal.CertificatePosition;
import dev.nitroattest.attestation.internal.Rejection;
import dev.nitroattest.attestation.internal.chain.CertificateDecoder;
import dev.nitroattest.attestation.internal.chain.DecodedCertificate;
import dev.nitroattest.attestation.internal.chain.KeyUsageBit;
import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.text.PemText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A pinned root of trust: a P-384 CA certificate that a document's cabundle must start with, byte for
 * byte. Anchors come only from the caller or from the library itself, never from a document.
 */
public final class TrustAnchor {
    /** SHA-256 of the DER of the AWS Nitro Enclaves Root G1, as AWS publishes it. */
    public static final String AWS_NITRO_ENCLAVES_ROOT_G1_SHA256 =
            "641a0321a3e244efe456463195d606317ed7cdcc3c1756e09893f3c68f79bb5b";
    private static final String AWS_ROOT_RESOURCE = "aws-nitro-enclaves-root-g1.pem";

    private final DecodedCertificate certificate;
    private final CertificateInfo info;

    private TrustAnchor(DecodedCertificate certificate) {
        this.certificate = certificate;
        this.info = CertificateInfo.of(certificate.info());
    }

    /**
     * The AWS Nitro Enclaves Root G1 embedded in this library, checked against its published SHA-256
     * fingerprint when it is first loaded.
     *
     * @throws VerifierConfigurationException if the embedded root is missing or does not have that fingerprint
     *     (a corrupted or tampered library jar), on every call
     */
    public static TrustAnchor awsNitroEnclavesRootG1() {
        return AwsRoot.INSTANCE.get();
    }

    /** An anchor from a PEM text holding exactly one certificate. */
    public static TrustAnchor fromPem(String pem) {
        Objects.requireNonNull(pem, "pem");
        List<byte[]> certificates = pemCertificates(pem);
        if (certificates.size() != 1) {
            throw new VerifierConfigurationException("A trust anchor PEM must hold exactly one certificate; this one holds "
                    + certificates.size() + ".");
        }
        return fromDer(certificates.get(0));
    }

    /** An anchor from a PEM file holding exactly one certificate. */
    public static TrustAnchor fromPemFile(Path file) {
        Objects.requireNonNull(file, "file");
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new VerifierConfigurationException("The trust anchor file " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + ").", e);
        }
        try {
            return fromPem(pem);
        } catch (VerifierConfigurationException e) {
            throw new VerifierConfigurationException("The trust anchor file " + file + ": " + e.getMessage(), e);
        }
    }

    /** An anchor from a DER-encoded certificate. */
    public static TrustAnchor fromDer(byte[] der) {
        Objects.requireNonNull(der, "der");
        DecodedCertificate decoded;
        try {
            decoded = CertificateDecoder.decode(der.clone(), CertificatePosition.PINNED_ANCHOR);
        } catch (Rejection e) {
            throw new VerifierConfigurationException("Unusable trust anchor: " + e.detail(), e);
        }
        if (!decoded.isCa() || !decoded.basicConstraintsCritical()
                || !decoded.hasKeyUsage(KeyUsageBit.KEY_CERT_SIGN)) {
            throw new VerifierConfigurationException("Unusable trust anchor: " + decoded.label()
                    + " is not a CA certificate allowed to sign certificates (critical basicConstraints cA and "
                    + "keyUsage keyCertSign).");
        }
        return new TrustAnchor(decoded);
    }

    /** The anchor certificate. */
    public CertificateInfo certificate() {
        return info;
    }

    /** SHA-256 of the anchor's DER. */
    public Bytes sha256Fingerprint() {
        return info.sha256Fingerprint();
    }

    DecodedCertificate decoded() {
        return certificate;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrustAnchor that && info.der().equals(that.info.der());
    }

    @Override
    public int hashCode() {
        return info.der().hashCode();
    }

    @Override
    public String toString() {
        return "TrustAnchor[" + info.subject() + ", SHA-256 " + sha256Fingerprint() + "]";
    }

    private static List<byte[]> pemCertificates(String pem) {
        try {
            return PemText.contents(pem, "CERTIFICATE");
        } catch (PemText.Malformed e) {
            throw new VerifierConfigurationException("A PEM certificate block " + e.getMessage() + ".", e);
        }
    }

    /** Loaded on first use of the AWS root, and only then. */
    private static final class AwsRoot {
        static final Embedded INSTANCE = new Embedded("The embedded AWS root certificate",
                () -> TrustAnchor.class.getResourceAsStream(AWS_ROOT_RESOURCE), AWS_NITRO_ENCLAVES_ROOT_G1_SHA256);
    }

    /**
     * A trust anchor shipped inside the library and pinned to its SHA-256 fingerprint, loaded once. A failure (a
     * missing resource, a wrong fingerprint: a corrupted or tampered jar) is kept and reported to every caller as a
     * {@link VerifierConfigurationException}; thrown from a static initialiser it would surface as an
     * ExceptionInInitializerError once and as NoClassDefFoundError after that.
     */
    static final class Embedded {
        /** Opens the embedded PEM; returns null when it is missing. */
        @FunctionalInterface
        interface Source {
            InputStream open() throws IOException;
        }

        private sealed interface Outcome permits Loaded, Failed {
        }

        private record Loaded(TrustAnchor anchor) implements Outcome {
        }

        private record Failed(VerifierConfigurationException failure) implements Outcome {
        }

        private final Outcome outcome;

        /**
         * Loads the anchor now and never throws.
         *
         * @param name how messages name it, such as "The embedded AWS root certificate"
         */
        Embedded(String name, Source source, String sha256Hex) {
            this.outcome = load(name, source, sha256Hex);
        }

        /**
         * The anchor.
         *
         * @throws VerifierConfigurationException if it could not be loaded or does not have its fingerprint
         */
        TrustAnchor get() {
            if (outcome instanceof Loaded loaded) {
                return loaded.anchor();
            }
            VerifierConfigurationException failure = ((Failed) outcome).failure();
            // A fresh exception each time, so that each caller's stack trace shows the caller.
            throw new VerifierConfigurationException(failure.getMessage(), failure);
        }

        private static Outcome load(String name, Source source, String sha256Hex) {
            try (InputStream in = source.open()) {
                if (in == null) {
                    return failed(name + " is missing from the library.", null);
                }
                TrustAnchor anchor = TrustAnchor.fromPem(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
                if (!anchor.sha256Fingerprint().toHex().equals(sha256Hex)) {
                    return failed(name + " does not have the published SHA-256 fingerprint " + sha256Hex
                            + "; the library jar is corrupted or has been tampered with.", null);
                }
                return new Loaded(anchor);
            } catch (IOException e) {
                return failed(name + " cannot be read (" + e.getClass().getSimpleName() + ").", e);
            } catch (RuntimeException e) {
                return failed(name + " is unusable: " + e.getMessage(), e);
            }
        }

        private static Failed failed(String message, Exception cause) {
            return new Failed(new VerifierConfigurationException(message, cause));
        }
    }
}
