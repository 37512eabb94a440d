package dev.nitroattest.testkit;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What {@link TestCertificates#issue} puts into an X.509 certificate. Immutable; make one with {@link #builder()}
 * or change an existing one with {@link #toBuilder()}. Every knob a forgery needs is here, so a certificate that
 * is wrong in exactly one way is one builder call away from a correct one.
 */
public final class CertificateSpec {

    /** The basicConstraints extension: absent, an end entity (CA:FALSE), or a CA with an optional pathLen. */
    public sealed interface Constraints {
        /** No basicConstraints extension. */
        record Absent() implements Constraints {}

        /** CA:FALSE. */
        record EndEntity(boolean critical) implements Constraints {}

        /** CA:TRUE, with pathLenConstraint when pathLen is present. */
        record Authority(OptionalInt pathLen, boolean critical) implements Constraints {
            /** Checks that the path length is present (empty for none). */
            public Authority {
                Objects.requireNonNull(pathLen, "pathLen");
            }
        }
    }

    /** The keyUsage bits of RFC 5280, section 4.2.1.3. */
    public enum KeyUsageBit {
        /** digitalSignature, bit 0: the leaf's use (it signs documents). */
        DIGITAL_SIGNATURE,
        /** nonRepudiation (contentCommitment), bit 1. */
        NON_REPUDIATION,
        /** keyEncipherment, bit 2. */
        KEY_ENCIPHERMENT,
        /** dataEncipherment, bit 3. */
        DATA_ENCIPHERMENT,
        /** keyAgreement, bit 4. */
        KEY_AGREEMENT,
        /** keyCertSign, bit 5: a CA's use (it signs certificates). */
        KEY_CERT_SIGN,
        /** cRLSign, bit 6. */
        CRL_SIGN,
        /** encipherOnly, bit 7. */
        ENCIPHER_ONLY,
        /** decipherOnly, bit 8. */
        DECIPHER_ONLY
    }

    /** The keyUsage extension's bits and criticality. */
    public record KeyUsage(Set<KeyUsageBit> bits, boolean critical) {
        /** Copies the bits. */
        public KeyUsage {
            bits = Set.copyOf(bits);
        }
    }

    /** The certificate signature algorithms the kit writes; AWS uses only ecdsa-with-SHA384. */
    public enum SignatureAlgorithm {
        /** ecdsa-with-SHA256: refused by the AWS profile. */
        ECDSA_WITH_SHA256("1.2.840.10045.4.3.2", "SHA-256"),
        /** ecdsa-with-SHA384: what AWS signs with. */
        ECDSA_WITH_SHA384("1.2.840.10045.4.3.3", "SHA-384"),
        /** ecdsa-with-SHA512: refused by the AWS profile. */
        ECDSA_WITH_SHA512("1.2.840.10045.4.3.4", "SHA-512");

        private final String oid;
        private final String hashName;

        SignatureAlgorithm(String oid, String hashName) {
            this.oid = oid;
            this.hashName = hashName;
        }

        /** The algorithm's object identifier, dotted. */
        public String oid() {
            return oid;
        }

        /** The hash it signs with, e.g. "SHA-384". */
        public String hashName() {
            return hashName;
        }
    }

    /** An extension written verbatim after the standard ones: OID, criticality and the DER of its value. */
    public record ExtraExtension(String oid, boolean critical, byte[] derValue) {
        /** Checks the OID and copies the value. */
        public ExtraExtension {
            Objects.requireNonNull(oid, "oid");
            derValue = derValue.clone();
        }

        /** The DER of the extension's value (a fresh copy). */
        @Override
        public byte[] derValue() {
            return derValue.clone();
        }
    }

    private final String subject;
    private final String issuer;
    private final BigInteger serial;
    private final Instant notBefore;
    private final Instant notAfter;
    private final EcKeyPair subjectKey;
    private final EcKeyPair issuerKey;
    private final Constraints basicConstraints;
    private final KeyUsage keyUsage;
    private final boolean subjectKeyIdentifier;
    private final boolean authorityKeyIdentifier;
    private final String crlDistributionPoint;
    private final List<ExtraExtension> extraExtensions;
    private final SignatureAlgorithm signatureAlgorithm;
    private final boolean nullSignatureParameters;
    private final int version;
    private final byte[] notBeforeEncoding;
    private final byte[] notAfterEncoding;

    private CertificateSpec(Builder b) {
        this.subject = Objects.requireNonNull(b.subject, "subject");
        this.issuer = b.issuer != null ? b.issuer : b.subject;
        this.subjectKey = Objects.requireNonNull(b.subjectKey, "subjectKey");
        this.issuerKey = b.issuerKey != null ? b.issuerKey : b.subjectKey;
        this.serial = Objects.requireNonNull(b.serial, "serial");
        this.notBefore = wholeSeconds(Objects.requireNonNull(b.notBefore, "notBefore"));
        this.notAfter = wholeSeconds(Objects.requireNonNull(b.notAfter, "notAfter"));
        this.basicConstraints = b.basicConstraints;
        this.keyUsage = b.keyUsage;
        this.subjectKeyIdentifier = b.subjectKeyIdentifier;
        this.authorityKeyIdentifier = b.authorityKeyIdentifier;
        this.crlDistributionPoint = b.crlDistributionPoint;
        this.extraExtensions = List.copyOf(b.extraExtensions);
        this.signatureAlgorithm = b.signatureAlgorithm;
        this.nullSignatureParameters = b.nullSignatureParameters;
        this.version = b.version;
        this.notBeforeEncoding = b.notBeforeEncoding;
        this.notAfterEncoding = b.notAfterEncoding;
    }

    // X.509 times have whole seconds; refusing fractions keeps notBefore()/notAfter() equal to what is encoded.
    private static Instant wholeSeconds(Instant instant) {
        if (instant.getNano() != 0) {
            throw new IllegalArgumentException("certificate times must be whole seconds: " + instant);
        }
        return instant;
    }

    /** A builder with no basicConstraints, no keyUsage, no key identifiers, ecdsa-with-SHA384 and version 3. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The subject DN as written (RFC 4514 syntax, RDNs encoded in the order written). */
    public String subject() {
        return subject;
    }

    /** The issuer DN; the subject DN unless set. */
    public String issuer() {
        return issuer;
    }

    /** The serial number. */
    public BigInteger serial() {
        return serial;
    }

    /** The start of the validity window. */
    public Instant notBefore() {
        return notBefore;
    }

    /** The end of the validity window, inclusive as in RFC 5280. */
    public Instant notAfter() {
        return notAfter;
    }

    /** The key the certificate certifies. */
    public EcKeyPair subjectKey() {
        return subjectKey;
    }

    /** The key that signs the certificate; the subject key (self-signed) unless set. */
    public EcKeyPair issuerKey() {
        return issuerKey;
    }

    /** The basicConstraints extension, {@link Constraints.Absent} when there is none. */
    public Constraints basicConstraints() {
        return basicConstraints;
    }

    /** The keyUsage extension, empty when absent. */
    public Optional<KeyUsage> keyUsage() {
        return Optional.ofNullable(keyUsage);
    }

    /** Whether a subjectKeyIdentifier (SHA-1 of the subject's public key bits) is written. */
    public boolean subjectKeyIdentifier() {
        return subjectKeyIdentifier;
    }

    /** Whether an authorityKeyIdentifier (SHA-1 of the issuer's public key bits) is written. */
    public boolean authorityKeyIdentifier() {
        return authorityKeyIdentifier;
    }

    /** The URI of the CRL distribution point, empty when the extension is absent. */
    public Optional<String> crlDistributionPoint() {
        return Optional.ofNullable(crlDistributionPoint);
    }

    /** Extensions written after the standard ones, in order. */
    public List<ExtraExtension> extraExtensions() {
        return extraExtensions;
    }

    /** The algorithm the issuer key signs with. */
    public SignatureAlgorithm signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** Whether the signature AlgorithmIdentifiers carry NULL parameters (RFC 5758 says they must be absent). */
    public boolean nullSignatureParameters() {
        return nullSignatureParameters;
    }

    /** The X.509 version, 1 to 3. */
    public int version() {
        return version;
    }

    /**
     * The exact encoding written for notBefore, when {@link Builder#timeEncodings} set one.
     *
     * @return a copy of the ASN.1 element (tag, length, content), or empty for RFC 5280's canonical form
     */
    public Optional<byte[]> notBeforeEncoding() {
        return Optional.ofNullable(notBeforeEncoding).map(byte[]::clone);
    }

    /**
     * The exact encoding written for notAfter, when {@link Builder#timeEncodings} set one.
     *
     * @return a copy of the ASN.1 element (tag, length, content), or empty for RFC 5280's canonical form
     */
    public Optional<byte[]> notAfterEncoding() {
        return Optional.ofNullable(notAfterEncoding).map(byte[]::clone);
    }

    /** Collects a {@link CertificateSpec}. Subject, subject key, serial and validity are required. */
    public static final class Builder {
        private String subject;
        private String issuer;
        private BigInteger serial;
        private Instant notBefore;
        private Instant notAfter;
        private EcKeyPair subjectKey;
        private EcKeyPair issuerKey;
        private Constraints basicConstraints = new Constraints.Absent();
        private KeyUsage keyUsage;
        private boolean subjectKeyIdentifier;
        private boolean authorityKeyIdentifier;
        private String crlDistributionPoint;
        private final List<ExtraExtension> extraExtensions = new ArrayList<>();
        private SignatureAlgorithm signatureAlgorithm = SignatureAlgorithm.ECDSA_WITH_SHA384;
        private boolean nullSignatureParameters;
        private int version = 3;
        private byte[] notBeforeEncoding;
        private byte[] notAfterEncoding;

        private Builder() {}

        private Builder(CertificateSpec spec) {
            subject = spec.subject;
            issuer = spec.issuer;
            serial = spec.serial;
            notBefore = spec.notBefore;
            notAfter = spec.notAfter;
            subjectKey = spec.subjectKey;
            issuerKey = spec.issuerKey;
            basicConstraints = spec.basicConstraints;
            keyUsage = spec.keyUsage;
            subjectKeyIdentifier = spec.subjectKeyIdentifier;
            authorityKeyIdentifier = spec.authorityKeyIdentifier;
            crlDistributionPoint = spec.crlDistributionPoint;
            extraExtensions.addAll(spec.extraExtensions);
            signatureAlgorithm = spec.signatureAlgorithm;
            nullSignatureParameters = spec.nullSignatureParameters;
            version = spec.version;
            notBeforeEncoding = spec.notBeforeEncoding;
            notAfterEncoding = spec.notAfterEncoding;
        }

        /** The subject DN, e.g. {@code "C=US, O=nitro-attest, CN=test"}; RDNs are encoded in the order written. */
        public Builder subject(String dn) {
            this.subject = Objects.requireNonNull(dn, "dn");
            return this;
        }

        /** The issuer DN; defaults to the subject DN. */
        public Builder issuer(String dn) {
            this.issuer = Objects.requireNonNull(dn, "dn");
            return this;
        }

        /** The serial number; AWS's are 16 to 20 bytes, positive. */
        public Builder serial(BigInteger serial) {
            this.serial = Objects.requireNonNull(serial, "serial");
            return this;
        }

        /** The validity window, whole seconds; UTCTime is written for years 1950 to 2049, GeneralizedTime otherwise. */
        public Builder validity(Instant notBefore, Instant notAfter) {
            this.notBefore = Objects.requireNonNull(notBefore, "notBefore");
            this.notAfter = Objects.requireNonNull(notAfter, "notAfter");
            return this;
        }

        /** The key the certificate certifies. */
        public Builder subjectKey(EcKeyPair key) {
            this.subjectKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /** The signing key; defaults to the subject key, which makes the certificate self-signed. */
        public Builder issuerKey(EcKeyPair key) {
            this.issuerKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /** Writes no basicConstraints extension. */
        public Builder noBasicConstraints() {
            this.basicConstraints = new Constraints.Absent();
            return this;
        }

        /** basicConstraints CA:FALSE. */
        public Builder endEntity(boolean critical) {
            this.basicConstraints = new Constraints.EndEntity(critical);
            return this;
        }

        /** basicConstraints CA:TRUE without a pathLen. */
        public Builder certificateAuthority(boolean critical) {
            this.basicConstraints = new Constraints.Authority(OptionalInt.empty(), critical);
            return this;
        }

        /** basicConstraints CA:TRUE with the given pathLen. */
        public Builder certificateAuthority(int pathLen, boolean critical) {
            this.basicConstraints = new Constraints.Authority(OptionalInt.of(pathLen), critical);
            return this;
        }

        /** A keyUsage extension with exactly these bits. */
        public Builder keyUsage(boolean critical, KeyUsageBit... bits) {
            this.keyUsage = new KeyUsage(Set.of(bits), critical);
            return this;
        }

        /** Writes no keyUsage extension. */
        public Builder noKeyUsage() {
            this.keyUsage = null;
            return this;
        }

        /** Whether to write a subjectKeyIdentifier computed from the subject key. */
        public Builder subjectKeyIdentifier(boolean present) {
            this.subjectKeyIdentifier = present;
            return this;
        }

        /** Whether to write an authorityKeyIdentifier computed from the issuer key. */
        public Builder authorityKeyIdentifier(boolean present) {
            this.authorityKeyIdentifier = present;
            return this;
        }

        /** A CRL distribution point with this URI; null writes none. */
        public Builder crlDistributionPoint(String uri) {
            this.crlDistributionPoint = uri;
            return this;
        }

        /** Appends an extension after the standard ones, e.g. an unknown critical one. */
        public Builder extraExtension(String oid, boolean critical, byte[] derValue) {
            this.extraExtensions.add(new ExtraExtension(oid, critical, derValue));
            return this;
        }

        /** The algorithm the issuer key signs with; ecdsa-with-SHA384 by default. */
        public Builder signatureAlgorithm(SignatureAlgorithm algorithm) {
            this.signatureAlgorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /** Writes NULL parameters in the signature AlgorithmIdentifiers, which RFC 5758 forbids. */
        public Builder nullSignatureParameters(boolean nullParameters) {
            this.nullSignatureParameters = nullParameters;
            return this;
        }

        /** The X.509 version: 1, 2 or 3 (the default). Extensions are written whatever the version says. */
        public Builder version(int version) {
            if (version < 1 || version > 3) {
                throw new IllegalArgumentException("X.509 versions are 1 to 3: " + version);
            }
            this.version = version;
            return this;
        }

        /**
         * Writes these exact encodings of the validity times instead of RFC 5280's (UTCTime {@code YYMMDDHHMMSSZ}
         * through 2049, GeneralizedTime {@code YYYYMMDDHHMMSSZ} from 2050): for forgeries with a time zone offset,
         * fractional seconds, missing seconds or the wrong type. {@link #validity} still says which instants they
         * mean; null keeps the canonical form of that time.
         *
         * @param notBefore the whole ASN.1 element (tag 0x17 or 0x18, length, content), or null
         * @param notAfter the whole ASN.1 element, or null
         * @return this builder
         */
        public Builder timeEncodings(byte[] notBefore, byte[] notAfter) {
            this.notBeforeEncoding = notBefore == null ? null : notBefore.clone();
            this.notAfterEncoding = notAfter == null ? null : notAfter.clone();
            return this;
        }

        /** The spec; throws NullPointerException naming a missing required value. */
        public CertificateSpec build() {
            return new CertificateSpec(this);
        }
    }
}
