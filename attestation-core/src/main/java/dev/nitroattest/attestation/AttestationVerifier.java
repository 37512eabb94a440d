package dev.nitroattest.attestation;

import dev.nitroattest.attestation.internal.DocumentField;
import dev.nitroattest.attestation.internal.Rejection;
import dev.nitroattest.attestation.internal.chain.CertificateFields;
import dev.nitroattest.attestation.internal.chain.ChainCache;
import dev.nitroattest.attestation.internal.chain.ChainValidator;
import dev.nitroattest.attestation.internal.chain.DecodedCertificate;
import dev.nitroattest.attestation.internal.chain.ValidatedChain;
import dev.nitroattest.attestation.internal.cose.CoseSign1;
import dev.nitroattest.attestation.internal.cose.SigStructure;
import dev.nitroattest.attestation.internal.payload.DecodedPayload;
import dev.nitroattest.attestation.internal.payload.PayloadDecoder;
import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.text.PrintableText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies AWS Nitro attestation documents: the certificate chain to a pinned anchor, the ES384
 * signature, freshness, and the measurement policy. Thread-safe; build one and share it, because it
 * caches validated chains so that a document from a known enclave costs a single signature check.
 *
 * <pre>{@code
 * AttestationVerifier verifier = AttestationVerifier.builder()
 *         .trustAwsNitroEnclavesRoot()
 *         .expectPcrs(ExpectedPcrs.builder().accept(0, pcr0Hex).build())
 *         .maxAge(Duration.ofMinutes(5))
 *         .build();
 * VerifiedAttestation attestation = verifier.verify(documentBytes, Expectations.nonce(nonce));
 * }</pre>
 *
 * <p>Verification returns a result or throws {@link DocumentRejectedException}; there is no boolean to
 * forget to check.
 */
public final class AttestationVerifier {
    /** Default tolerance for an NSM clock ahead of ours. */
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofSeconds(60);
    /** A larger skew would let a document from the future pass as fresh for too long. */
    public static final Duration MAX_CLOCK_SKEW_LIMIT = Duration.ofMinutes(10);
    /** Default number of validated chains kept; one per enclave leaf certificate seen in the last hours. */
    public static final int DEFAULT_CHAIN_CACHE_SIZE = 1024;

    private final List<TrustAnchor> anchors;
    private final ExpectedPcrs expectedPcrs;
    private final DocumentKind acceptedKind;
    private final boolean allowDebugEnclaves;
    private final Clock clock;
    private final Freshness freshness;
    private final int maxDocumentSize;
    private final ChainValidator chainValidator;
    private final ChainCache chainCache;
    private final VerifierPolicy policy;

    private AttestationVerifier(Builder builder) {
        this.anchors = builder.anchors;
        this.expectedPcrs = builder.expectedPcrs;
        this.acceptedKind = builder.acceptedKind;
        this.allowDebugEnclaves = builder.allowDebugEnclaves;
        this.clock = builder.clock;
        this.freshness = new Freshness(builder.maxClockSkew, builder.maxAge);
        this.maxDocumentSize = builder.maxDocumentSize;
        List<DecodedCertificate> decoded = new ArrayList<>(anchors.size());
        for (TrustAnchor anchor : anchors) {
            decoded.add(anchor.decoded());
        }
        this.chainValidator = new ChainValidator(decoded, builder.chainCacheSize > 0);
        this.chainCache = builder.chainCacheSize > 0 ? new ChainCache(builder.chainCacheSize) : null;
        this.policy = VerifierPolicy.of(acceptedKind, expectedPcrs, allowDebugEnclaves);
    }

    /**
     * The measurement policy this verifier applies, as each {@link VerifiedAttestation} it returns carries it.
     *
     * @return the policy
     */
    public VerifierPolicy policy() {
        return policy;
    }

    /** Starts a builder; its first stage asks for the trust anchor. */
    public static TrustStage builder() {
        return new TrustStage();
    }

    /** Parses with this verifier's size limit. The result is not verified. */
    public AttestationDocument parse(byte[] document) throws DocumentRejectedException {
        return AttestationDocument.parse(document, maxDocumentSize);
    }

    /** Parses and verifies at the clock's current instant. */
    public VerifiedAttestation verify(byte[] document, Expectations expectations) throws DocumentRejectedException {
        return verify(parse(document), expectations);
    }

    /** Verifies at the clock's current instant. */
    public VerifiedAttestation verify(AttestationDocument document, Expectations expectations)
            throws DocumentRejectedException {
        return verifyAt(clock.instant(), document, expectations);
    }

    /**
     * Verifies as if the present were {@code verificationTime}: for an archived document or a test. Every
     * certificate must be valid at that instant, and freshness is measured from it. To check a document
     * at its own timestamp, pass {@code document.timestamp()}: that proves it was authentic when made,
     * not that it is authentic now.
     */
    public VerifiedAttestation verifyAt(Instant verificationTime, AttestationDocument document, Expectations expectations)
            throws DocumentRejectedException {
        Objects.requireNonNull(verificationTime, "verificationTime");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(expectations, "expectations");
        DecodedPayload payload = document.decodedPayload();

        ValidatedChain chain = validatedChain(payload, verificationTime);
        checkSignature(document, chain);
        freshness.check(document.timestamp(), verificationTime);
        checkSignedWithinLeafValidity(document, chain);
        checkKind(document);
        checkDebug(document);
        checkPcrs(document.pcrs());
        checkExpectations(payload, expectations);
        return new VerifiedAttestation(document, chain, verificationTime, policy);
    }

    /**
     * The oldest a document may be, or empty when this verifier accepts any age ({@link Builder#anyAge()}). A caller
     * that keeps a verified result (attestation-tls caches one per TLS certificate) keeps it no longer than this
     * after the document's timestamp, so that it never accepts what a fresh verification would refuse.
     *
     * @return the maximum age
     */
    public Optional<Duration> maxAge() {
        return Optional.ofNullable(freshness.maxAge());
    }

    /**
     * The source of "now" that {@link #verify(byte[], Expectations)} uses; a caller checking other times in the same
     * decision (a TLS certificate's validity) uses it too, so that both agree.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /** How many validated chains the cache holds now; package-private so that tests can watch the cache. */
    int cachedChainCount() {
        return chainCache == null ? 0 : chainCache.size();
    }

    /**
     * How many certificate signatures this verifier has checked with arithmetic; package-private so that tests can
     * prove what its caches save, and that without them every signature is checked.
     */
    long certificateSignatureChecks() {
        return chainValidator.signatureChecks();
    }

    private ValidatedChain validatedChain(DecodedPayload payload, Instant at) throws DocumentRejectedException {
        if (chainCache != null) {
            ValidatedChain cached = chainCache.get(payload.certificate(), payload.cabundle(), at);
            if (cached != null) {
                return cached;
            }
        }
        ValidatedChain chain;
        try {
            chain = chainValidator.validate(payload.certificate(), payload.cabundle(), at);
        } catch (Rejection e) {
            throw DocumentRejectedException.of(e);
        }
        if (chainCache != null) {
            chainCache.put(payload.certificate(), payload.cabundle(), chain, at);
        }
        return chain;
    }

    /** The envelope's r and s were range-checked when the document was parsed. */
    private static void checkSignature(AttestationDocument document, ValidatedChain chain)
            throws DocumentRejectedException {
        CoseSign1 envelope = document.envelope();
        byte[] digest = SigStructure.sha384(envelope.payload());
        if (!chain.leafKey().verifyDigest(digest, envelope.r(), envelope.s())) {
            throw new DocumentRejectedException(RejectionReason.BAD_SIGNATURE, DocumentField.COSE_SIGNATURE,
                    "The COSE signature does not verify with the leaf certificate's key ("
                            + PrintableText.fromCertificate(chain.certificates().get(0).subject()) + ").");
        }
    }

    /**
     * No NSM signs outside its certificate's lifetime, so a timestamp outside it is a document made or altered by
     * someone else (certificates are checked at the verification time, which says nothing of the timestamp). Checked
     * after the signature, so that the timestamp is authentic, and after freshness, whose reasons say more about a
     * document far in the past or future; compared to the instant, as certificate times are.
     */
    private static void checkSignedWithinLeafValidity(AttestationDocument document, ValidatedChain chain)
            throws DocumentRejectedException {
        CertificateFields leaf = chain.certificates().get(0);
        Instant timestamp = document.timestamp();
        if (timestamp.isBefore(leaf.notBefore()) || timestamp.isAfter(leaf.notAfter())) {
            throw new DocumentRejectedException(RejectionReason.INVALID_FIELD, DocumentField.TIMESTAMP,
                    "The document's timestamp " + timestamp + " lies outside its leaf certificate's validity, "
                    + leaf.notBefore() + " to " + leaf.notAfter()
                    + ": the NSM signs only while its certificate is valid.");
        }
    }

    private void checkKind(AttestationDocument document) throws DocumentRejectedException {
        if (document.kind() != acceptedKind) {
            boolean tpm = document.kind() == DocumentKind.NITRO_TPM;
            throw new DocumentRejectedException(RejectionReason.WRONG_DOCUMENT_KIND,
                    tpm ? DocumentField.NITROTPM_PCRS : DocumentField.PCRS, tpm
                    ? "This is a NitroTPM document (it has nitrotpm_pcrs); this verifier accepts enclave documents."
                    : "This is an enclave document (it has pcrs); this verifier accepts NitroTPM documents.");
        }
    }

    private void checkDebug(AttestationDocument document) throws DocumentRejectedException {
        if (!allowDebugEnclaves && document.isDebugEnclave()) {
            throw new DocumentRejectedException(RejectionReason.DEBUG_ENCLAVE, DocumentField.PCRS,
                    "PCR0, PCR1 and PCR2 are all zero: the document comes from a debug-mode enclave, whose "
                    + "measurements prove nothing.");
        }
    }

    /** The payload key the pinned PCRs are read from. */
    private DocumentField pcrField() {
        return acceptedKind == DocumentKind.NITRO_TPM ? DocumentField.NITROTPM_PCRS : DocumentField.PCRS;
    }

    private void checkPcrs(Pcrs pcrs) throws DocumentRejectedException {
        if (expectedPcrs == null) {
            return;
        }
        for (Map.Entry<Integer, List<Bytes>> pinned : expectedPcrs.asMap().entrySet()) {
            int index = pinned.getKey();
            Bytes actual = pcrs.valueOrNull(index);
            if (actual == null) {
                throw new DocumentRejectedException(RejectionReason.PCR_MISMATCH, pcrField(),
                        "The document has no PCR" + index + ", which the policy pins.");
            }
            if (!pinned.getValue().contains(actual)) {
                throw new DocumentRejectedException(RejectionReason.PCR_MISMATCH, pcrField(), "PCR" + index + " is "
                        + actual.toHex() + ", which is not " + (pinned.getValue().size() == 1 ? "the" : "an")
                        + " accepted value.");
            }
        }
    }

    private static void checkExpectations(DecodedPayload payload, Expectations expectations)
            throws DocumentRejectedException {
        check(expectations.nonce(), payload.nonce(), RejectionReason.NONCE_MISMATCH, DocumentField.NONCE);
        check(expectations.userData(), payload.userData(), RejectionReason.USER_DATA_MISMATCH, DocumentField.USER_DATA);
        check(expectations.publicKey(), payload.publicKey(), RejectionReason.PUBLIC_KEY_MISMATCH,
                DocumentField.PUBLIC_KEY);
    }

    private static void check(Optional<Bytes> expected, byte[] actual, RejectionReason reason, DocumentField field)
            throws DocumentRejectedException {
        if (expected.isEmpty()) {
            return;
        }
        if (actual == null) {
            throw new DocumentRejectedException(reason, field,
                    "The document has no " + field.wireName() + "; one was expected.");
        }
        if (!expected.get().constantTimeEquals(actual)) {
            throw new DocumentRejectedException(reason, field,
                    "The document's " + field.wireName() + " is not the expected one.");
        }
    }

    /** First stage: what the chain must lead to. */
    public static final class TrustStage {
        private TrustStage() {
        }

        /**
         * Trusts the AWS Nitro Enclaves Root G1 embedded in this library (fingerprint-checked).
         *
         * @throws VerifierConfigurationException if the embedded root fails its fingerprint check
         */
        public MeasurementStage trustAwsNitroEnclavesRoot() {
            return trustAnchors(List.of(TrustAnchor.awsNitroEnclavesRootG1()));
        }

        /** Trusts these anchors instead: a test PKI, an emulated NSM, or a future AWS root. */
        public MeasurementStage trustAnchors(TrustAnchor first, TrustAnchor... more) {
            List<TrustAnchor> all = new ArrayList<>(1 + more.length);
            all.add(Objects.requireNonNull(first, "first"));
            for (TrustAnchor anchor : more) {
                all.add(Objects.requireNonNull(anchor, "anchor"));
            }
            return trustAnchors(all);
        }

        /**
         * Trusts these anchors instead of the AWS root: a chain must start at one of them.
         *
         * @param anchors at least one anchor; copied
         * @return the stage that asks for the measurement policy
         * @throws VerifierConfigurationException if {@code anchors} is empty
         */
        public MeasurementStage trustAnchors(Collection<TrustAnchor> anchors) {
            if (anchors.isEmpty()) {
                throw new VerifierConfigurationException("At least one trust anchor is needed.");
            }
            return new MeasurementStage(List.copyOf(anchors));
        }
    }

    /** Second stage: which enclave images are acceptable. There is no default. */
    public static final class MeasurementStage {
        private final List<TrustAnchor> anchors;

        private MeasurementStage(List<TrustAnchor> anchors) {
            this.anchors = anchors;
        }

        /** Accepts only documents whose PCRs match the policy. */
        public Builder expectPcrs(ExpectedPcrs expected) {
            return new Builder(anchors, Objects.requireNonNull(expected, "expected"));
        }

        /**
         * Accepts any enclave image: only the document's authenticity is checked, not what runs. For
         * tools that inspect documents; a relying service almost always wants {@link #expectPcrs}.
         */
        public Builder acceptAnyEnclaveImage() {
            return new Builder(anchors, null);
        }
    }

    /** Optional settings; every one has a safe default. */
    public static final class Builder {
        private final List<TrustAnchor> anchors;
        private final ExpectedPcrs expectedPcrs;
        private DocumentKind acceptedKind = DocumentKind.ENCLAVE;
        private boolean allowDebugEnclaves;
        private Clock clock = Clock.systemUTC();
        private Duration maxClockSkew = DEFAULT_MAX_CLOCK_SKEW;
        private Duration maxAge;
        private boolean anyAge;
        private int maxDocumentSize = AttestationDocument.DEFAULT_MAX_SIZE;
        private int chainCacheSize = DEFAULT_CHAIN_CACHE_SIZE;

        private Builder(List<TrustAnchor> anchors, ExpectedPcrs expectedPcrs) {
            this.anchors = anchors;
            this.expectedPcrs = expectedPcrs;
        }

        /**
         * Accepts documents from debug-mode enclaves (PCR0, PCR1 and PCR2 all zero). Default: refused with
         * {@link RejectionReason#DEBUG_ENCLAVE}, because anyone can run any code in a debug enclave.
         */
        public Builder allowDebugEnclaves() {
            this.allowDebugEnclaves = true;
            return this;
        }

        /**
         * Verifies NitroTPM documents (from EC2 instances, with {@code nitrotpm_pcrs}) instead of enclave
         * documents; pinned PCRs then refer to nitrotpm_pcrs. Default: enclave documents only.
         */
        public Builder verifyNitroTpmDocuments() {
            this.acceptedKind = DocumentKind.NITRO_TPM;
            return this;
        }

        /** The source of "now" for verification. Default: {@code Clock.systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How far a document's timestamp may be ahead of the verification time. Default 60 s, at most 10 min. */
        public Builder maxClockSkew(Duration skew) {
            Objects.requireNonNull(skew, "skew");
            if (skew.isNegative() || skew.compareTo(MAX_CLOCK_SKEW_LIMIT) > 0) {
                throw new VerifierConfigurationException("The maximum clock skew must be between 0 and "
                        + MAX_CLOCK_SKEW_LIMIT + "; " + skew + " was given.");
            }
            this.maxClockSkew = skew;
            return this;
        }

        /**
         * Refuses documents older than {@code age} at the verification time. Either this or {@link #anyAge()} must
         * be called (the later call wins): a verifier that has not decided does not build. A few minutes suits a
         * service that asks for a fresh document per session. Any positive duration works, even one longer than the
         * whole time line (such as {@code ChronoUnit.FOREVER}'s).
         *
         * @param age the oldest a document may be
         * @return this builder
         * @throws VerifierConfigurationException if {@code age} is zero or negative
         */
        public Builder maxAge(Duration age) {
            Objects.requireNonNull(age, "age");
            if (age.isNegative() || age.isZero()) {
                throw new VerifierConfigurationException("The maximum document age must be positive; " + age
                        + " was given.");
            }
            this.maxAge = age;
            this.anyAge = false;
            return this;
        }

        /**
         * Accepts documents of any age: the named relaxation for verifying archived documents, or for a service
         * that bounds age by other means (its own nonce, which the document must carry, is one). Certificates must
         * still be valid at the verification time.
         * The later of this and {@link #maxAge(Duration)} wins.
         *
         * @return this builder
         */
        public Builder anyAge() {
            this.anyAge = true;
            this.maxAge = null;
            return this;
        }

        /**
         * Documents larger than this are refused before parsing. Default 16 KiB, at most
         * {@value AttestationDocument#MAX_SIZE_LIMIT} bytes (1 MiB), the most the decoder reads.
         */
        public Builder maxDocumentSize(int bytes) {
            AttestationDocument.checkMaxSize(bytes);
            this.maxDocumentSize = bytes;
            return this;
        }

        /**
         * How many validated chains to keep. Default 1024. 0 disables caching: every chain is then decoded and every
         * certificate signature checked for every document (no cache of validated chains, verified signatures or
         * decoded intermediates; decoded keys are still reused).
         *
         * @param entries the number of chains, 0 or more
         * @return this builder
         * @throws VerifierConfigurationException if {@code entries} is negative
         */
        public Builder chainCacheSize(int entries) {
            if (entries < 0) {
                throw new VerifierConfigurationException("The chain cache size cannot be negative; " + entries
                        + " was given.");
            }
            this.chainCacheSize = entries;
            return this;
        }

        /**
         * Builds the verifier; share it between threads, since its caches make repeated documents cheap.
         *
         * @return the verifier
         * @throws VerifierConfigurationException if neither {@link #maxAge(Duration)} nor {@link #anyAge()} was
         *     called, or if the settings contradict each other (for NitroTPM documents, a pinned PCR index above 23)
         */
        public AttestationVerifier build() {
            if (maxAge == null && !anyAge) {
                throw new VerifierConfigurationException("Decide how old a document may be: call maxAge(Duration), "
                        + "for example maxAge(Duration.ofMinutes(5)), or anyAge() to accept documents of any age.");
            }
            if (acceptedKind == DocumentKind.NITRO_TPM && expectedPcrs != null
                    && expectedPcrs.highestIndex() >= PayloadDecoder.MAX_NITRO_TPM_PCRS) {
                throw new VerifierConfigurationException("NitroTPM documents have PCRs 0 to "
                        + (PayloadDecoder.MAX_NITRO_TPM_PCRS - 1) + "; the policy pins PCR"
                        + expectedPcrs.highestIndex() + ".");
            }
            return new AttestationVerifier(this);
        }
    }
}
