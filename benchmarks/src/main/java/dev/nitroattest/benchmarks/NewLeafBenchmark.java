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
import dev.nitroattest.testkit.EcCurve;
import dev.nitroattest.testkit.EcKeyPair;
import dev.nitroattest.testkit.TestCertificates;
import dev.nitroattest.testkit.TestPki;
import java.math.BigInteger;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.Certificate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a new leaf costs once the intermediates above it are known, the common real case (every enclave gets a new
 * leaf every few hours under the same zonal and instance CAs) and the attacker's cheapest flood (fresh forged leaves
 * under AWS's public intermediates). Measured beside {@link #es384Verify} and {@link #verifyWarm} in one run, so that
 * the targets read as ratios: verifyNewLeaf at least 45% of es384Verify, and verifyForgedLeaf at most 1.2 times the
 * cost of verifyWarm per document.
 *
 * <p>Each iteration gets a verifier that has validated the standard chain once (so its intermediates are linked)
 * and then meets documents whose leaves it has never seen: a pool of distinct documents, more than an iteration
 * uses, made once before the run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NewLeafBenchmark {
    /** More documents than one 2-second iteration verifies at the rates measured here. */
    private static final int POOL = 3000;

    private TestPki pki;
    private TrustAnchor root;
    private Clock atDocumentTime;
    private byte[][] newLeafDocuments;
    private byte[][] forgedLeafDocuments;
    private byte[] standardDocument;
    private byte[] signedBytes;
    private BigInteger r;
    private BigInteger s;
    private Es384PublicKey leafKey;
    private AttestationVerifier verifier;
    private int next;

    @Setup(Level.Trial)
    public void makeDocuments() throws DocumentRejectedException {
        pki = TestPki.standard();
        root = TrustAnchor.fromDer(pki.root().der());
        atDocumentTime = Clock.fixed(pki.documentTime(), ZoneOffset.UTC);
        standardDocument = DocumentBuilder.forPki(pki).nonce(new byte[32]).build();
        newLeafDocuments = new byte[POOL][];
        forgedLeafDocuments = new byte[POOL][];
        EcKeyPair notTheInstanceCa = EcKeyPair.derive(EcCurve.P384, "benchmark: not the instance CA");
        for (int i = 0; i < POOL; i++) {
            EcKeyPair leaf = EcKeyPair.derive(EcCurve.P384, "benchmark leaf " + i);
            byte[] genuine = TestCertificates.issue(pki.leaf().spec().toBuilder()
                    .serial(BigInteger.valueOf(10_000 + i)).subjectKey(leaf).build()).der();
            newLeafDocuments[i] = DocumentBuilder.withSigner(leaf, genuine, pki.cabundle()).nonce(new byte[32]).build();
            byte[] forged = TestCertificates.issue(pki.leaf().spec().toBuilder()
                    .serial(BigInteger.valueOf(20_000 + i)).subjectKey(leaf).issuerKey(notTheInstanceCa).build()).der();
            forgedLeafDocuments[i] = DocumentBuilder.withSigner(leaf, forged, pki.cabundle()).nonce(new byte[32])
                    .build();
        }
        AttestationDocument parsed = AttestationDocument.parse(standardDocument);
        signedBytes = parsed.signedBytes().toByteArray();
        byte[] signature = parsed.signature().toByteArray();
        r = new BigInteger(1, signature, 0, 48);
        s = new BigInteger(1, signature, 48, 48);
        leafKey = Es384PublicKey.fromEncodedPoint(Certificate.getInstance(pki.leaf().der()).getSubjectPublicKeyInfo()
                .getPublicKeyData().getOctets());
    }

    /** A verifier that knows the standard chain, and documents it has not seen. */
    @Setup(Level.Iteration)
    public void newVerifier() throws DocumentRejectedException {
        verifier = AttestationVerifier.builder().trustAnchors(root).acceptAnyEnclaveImage().clock(atDocumentTime)
                .anyAge().build();
        verifier.verify(standardDocument, Expectations.withoutNonce());
        next = 0;
    }

    /** The baseline of the targets: SHA-384 over the Sig_structure and one ECDSA P-384 check, key reused. */
    @Benchmark
    public void es384Verify() throws InvalidSignatureException {
        leafKey.verifyDigest(Sha384.of(signedBytes), r, s);
    }

    /** A genuine document under a cached chain: parse, cache hit, one signature. */
    @Benchmark
    public VerifiedAttestation verifyWarm() throws DocumentRejectedException {
        return verifier.verify(standardDocument, Expectations.withoutNonce());
    }

    /** A genuine document with a leaf never seen, under intermediates already verified. */
    @Benchmark
    public VerifiedAttestation verifyNewLeaf() throws DocumentRejectedException {
        return verifier.verify(newLeafDocuments[next++ % POOL], Expectations.withoutNonce());
    }

    /** A forged leaf never seen (not signed by the instance CA it names), under real intermediates: refused. */
    @Benchmark
    public String verifyForgedLeaf() {
        try {
            verifier.verify(forgedLeafDocuments[next++ % POOL], Expectations.withoutNonce());
            throw new IllegalStateException("a forged leaf verified");
        } catch (DocumentRejectedException expected) {
            return expected.detail();
        }
    }
}
