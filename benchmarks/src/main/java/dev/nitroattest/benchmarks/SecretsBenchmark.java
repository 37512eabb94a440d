package dev.nitroattest.benchmarks;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.ExpectedPcrs;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.secrets.RecipientKey;
import dev.nitroattest.secrets.SecretFormat;
import dev.nitroattest.secrets.SecretRefusedException;
import dev.nitroattest.secrets.SecretSealer;
import dev.nitroattest.testkit.DocumentBuilder;
import dev.nitroattest.testkit.TestPki;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
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
 * What releasing a secret to an enclave costs, beside the verification that must come first: sealing a 32-byte
 * secret to a verified document's RSA-2048 key (one RSA public operation, AES) in each form, and opening it in the
 * enclave (one RSA private operation). {@link #verifyWarm} is a relying service's verification under a cached chain,
 * the same as in {@link VerificationBenchmark}, so that the ratio of a release to a verification comes from one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SecretsBenchmark {
    private static final byte[] SECRET = new byte[32];

    private byte[] document;
    private AttestationVerifier verifier;
    private VerifiedAttestation verified;
    private RecipientKey recipient;
    private SecretSealer sealer;
    private byte[] authenticated;
    private byte[] kms;

    @Setup
    public void setUp() throws DocumentRejectedException, SecretRefusedException {
        TestPki pki = TestPki.standard();
        recipient = RecipientKey.generate();
        document = DocumentBuilder.forPki(pki).publicKey(recipient.publicKey().toByteArray()).nonce(new byte[32])
                .build();
        byte[] pcr0 = AttestationDocument.parse(document).pcrs().get(0).orElseThrow().toByteArray();
        verifier = AttestationVerifier.builder().trustAnchors(TrustAnchor.fromDer(pki.root().der()))
                .expectPcrs(ExpectedPcrs.builder().accept(0, pcr0).build())
                .clock(Clock.fixed(pki.documentTime(), ZoneOffset.UTC)).anyAge().build();
        verified = verifyWarm();
        sealer = SecretSealer.create();
        authenticated = sealAuthenticated();
        kms = sealKms();
        if (!Arrays.equals(SECRET, openAuthenticated()) || !Arrays.equals(SECRET, openKms())) {
            throw new IllegalStateException("the benchmark's envelopes do not open to their secret");
        }
    }

    @Benchmark
    public VerifiedAttestation verifyWarm() throws DocumentRejectedException {
        return verifier.verify(document, Expectations.withoutNonce());
    }

    @Benchmark
    public byte[] sealAuthenticated() throws SecretRefusedException {
        return sealer.seal(verified, SECRET, SecretFormat.AUTHENTICATED);
    }

    @Benchmark
    public byte[] sealKms() throws SecretRefusedException {
        return sealer.seal(verified, SECRET, SecretFormat.KMS);
    }

    @Benchmark
    public byte[] openAuthenticated() throws SecretRefusedException {
        return recipient.openAuthenticated(authenticated);
    }

    @Benchmark
    public byte[] openKms() throws SecretRefusedException {
        return recipient.open(kms);
    }
}
