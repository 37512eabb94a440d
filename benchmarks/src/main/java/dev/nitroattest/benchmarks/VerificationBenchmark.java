package dev.nitroattest.benchmarks;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.attestation.Es384PublicKey;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.InvalidSignatureException;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.testkit.DocumentBuilder;
import dev.nitroattest.testkit.TestPki;
import java.math.BigInteger;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verification costs, all measured in one run so that ratios hold on a noisy machine. The baseline of the
 * targets, {@link #es384Verify}, is the least this library must do per document: hash the Sig_structure with
 * SHA-384 and check one ECDSA P-384 signature with an already decoded key. {@link #bouncyCastleEs384Verify} is
 * the same work done by Bouncy Castle's general-purpose ECDSA, for comparison with what other Java verifiers
 * build on. Warm-up is long because the compiler takes about 15 s of these two cores to settle the scalar
 * multiplication's loops.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VerificationBenchmark {
    private byte[] document;
    private byte[] signedBytes;
    private byte[] leafPoint;
    private BigInteger r;
    private BigInteger s;
    private Es384PublicKey leafKey;
    private ECPublicKeyParameters bouncyCastleLeafKey;
    private AttestationVerifier warm;
    private AttestationVerifier cold;
    private TrustAnchor root;
    private Clock atDocumentTime;

    @Setup
    public void setUp() throws DocumentRejectedException, InvalidSignatureException {
        TestPki pki = TestPki.standard();
        document = DocumentBuilder.forPki(pki).nonce(new byte[32]).build();
        AttestationDocument parsed = AttestationDocument.parse(document);
        signedBytes = parsed.signedBytes().toByteArray();
        byte[] signature = parsed.signature().toByteArray();
        r = new BigInteger(1, signature, 0, 48);
        s = new BigInteger(1, signature, 48, 48);
        leafPoint = Certificate.getInstance(pki.leaf().der()).getSubjectPublicKeyInfo().getPublicKeyData().getOctets();
        leafKey = Es384PublicKey.fromEncodedPoint(leafPoint);
        X9ECParameters curve = CustomNamedCurves.getByName("secp384r1");
        ECDomainParameters domain = new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
        bouncyCastleLeafKey = new ECPublicKeyParameters(domain.getCurve().decodePoint(leafPoint), domain);
        atDocumentTime = Clock.fixed(pki.documentTime(), ZoneOffset.UTC);
        root = TrustAnchor.fromDer(pki.root().der());
        warm = AttestationVerifier.builder().trustAnchors(root).acceptAnyEnclaveImage().clock(atDocumentTime).anyAge()
                .build();
        cold = AttestationVerifier.builder().trustAnchors(root).acceptAnyEnclaveImage().clock(atDocumentTime)
                .chainCacheSize(0).anyAge().build();
        es384Verify();
        es384VerifyFreshKey();
        if (!bouncyCastleEs384Verify()) {
            throw new IllegalStateException("the benchmark document does not verify");
        }
        warm.verify(document, Expectations.withoutNonce());
        cold.verify(document, Expectations.withoutNonce());
    }

    /** This library's primitive: SHA-384 over the Sig_structure and one ECDSA P-384 verification, key reused. */
    @Benchmark
    public void es384Verify() throws InvalidSignatureException {
        leafKey.verifyDigest(Sha384.of(signedBytes), r, s);
    }

    /**
     * For comparison: Bouncy Castle's own lightweight ECDSA (ECDSASigner) with a key decoded once, the fastest
     * general-purpose P-384 verification available to a Java library.
     */
    @Benchmark
    public boolean bouncyCastleEs384Verify() {
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, bouncyCastleLeafKey);
        return verifier.verifySignature(Sha384.of(signedBytes), r, s);
    }

    /** The same with the key decoded for this one verification, as a verifier without key reuse pays. */
    @Benchmark
    public void es384VerifyFreshKey() throws InvalidSignatureException {
        Es384PublicKey.fromEncodedPoint(leafPoint).verifyDigest(Sha384.of(signedBytes), r, s);
    }

    @Benchmark
    public AttestationDocument parse() throws DocumentRejectedException {
        return AttestationDocument.parse(document);
    }

    /** A document under a chain the verifier has validated before: parse, cache hit, one signature. */
    @Benchmark
    public VerifiedAttestation verifyWarm() throws DocumentRejectedException {
        return warm.verify(document, Expectations.withoutNonce());
    }

    /**
     * No chain cache: parse, decode and check four certificates and five signatures, with the keys of
     * certificates seen before (CAs shared by many enclaves) reused.
     */
    @Benchmark
    public VerifiedAttestation verifyCold() throws DocumentRejectedException {
        return cold.verify(document, Expectations.withoutNonce());
    }

    /** A new verifier for every document: nothing seen before, every key decoded and used once. */
    @Benchmark
    public VerifiedAttestation verifyFirstSight() throws DocumentRejectedException {
        return AttestationVerifier.builder().trustAnchors(root).acceptAnyEnclaveImage().clock(atDocumentTime).anyAge()
                .build().verify(document, Expectations.withoutNonce());
    }
}
