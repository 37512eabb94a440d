package dev.nitroattest.benchmarks;

import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.testkit.CertificateSpec;
import dev.nitroattest.testkit.CertificateSpec.KeyUsageBit;
import dev.nitroattest.testkit.DocumentBuilder;
import dev.nitroattest.testkit.EcCurve;
import dev.nitroattest.testkit.EcKeyPair;
import dev.nitroattest.testkit.EngineHandshake;
import dev.nitroattest.testkit.FixedKeyManager;
import dev.nitroattest.testkit.TestCertificates;
import dev.nitroattest.testkit.TestPki;
import dev.nitroattest.tls.AttestationExtension;
import dev.nitroattest.tls.AttestedTls;
import dev.nitroattest.tls.AttestedTrustManager;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
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
 * Whole TLS 1.3 handshakes, client and server engines in memory in one thread (no sockets, no session resumption:
 * each handshake checks the server's certificate afresh), with the same P-384 server key and the same server key
 * manager (the JDK's, from a PKCS#12 key store) in every case; only the certificate and the client's trust manager
 * differ:
 *
 * <ul>
 *   <li>{@link #ordinary}: a certificate issued by a CA (P-384, ecdsa-with-SHA384), judged by the JDK's default
 *       trust manager (PKIX) with that CA in its key store: one certificate signature per handshake;
 *   <li>{@link #attestedRepeat}: the enclave's attested certificate, judged by one {@link AttestedTrustManager} that
 *       has seen it before (the cache by exact bytes: no signature check);
 *   <li>{@link #attestedFirst}: the same with the trust manager's cache off, so each handshake is a first handshake
 *       to this enclave from a running client: one document verification under the verifier's cached NSM chain;
 *   <li>{@link #attestedFirstSight}: caches off in the trust manager and the verifier: every handshake verifies the
 *       whole chain (the cost of a client's first handshake ever).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TlsHandshakeBenchmark {

    private SSLContext ordinaryServer;
    private SSLContext ordinaryClient;
    private SSLContext attestedServer;
    private SSLContext attestedRepeatClient;
    private SSLContext attestedFirstClient;
    private SSLContext attestedFirstSightClient;

    @Setup
    public void setUp() throws Exception {
        TestPki pki = TestPki.standard();
        Clock atDocumentTime = Clock.fixed(pki.documentTime().plusSeconds(60), ZoneOffset.UTC);
        EcKeyPair serverKey = EcKeyPair.derive(EcCurve.P384, "the benchmark server's key");
        PrivateKey serverPrivate = serverKey.jcaPrivateKey();

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        EcKeyPair caKey = EcKeyPair.derive(EcCurve.P384, "an ordinary CA");
        X509Certificate ca = x509(TestCertificates.issue(CertificateSpec.builder().subject("CN=Ordinary CA")
                .subjectKey(caKey).serial(BigInteger.ONE).validity(now.minus(Duration.ofDays(1)),
                        now.plus(Duration.ofDays(30))).certificateAuthority(true)
                .keyUsage(true, KeyUsageBit.KEY_CERT_SIGN, KeyUsageBit.CRL_SIGN).subjectKeyIdentifier(true)
                .build()).der());
        X509Certificate issued = x509(TestCertificates.issue(CertificateSpec.builder().subject("CN=server.example")
                .issuer("CN=Ordinary CA").subjectKey(serverKey).issuerKey(caKey).serial(BigInteger.TWO)
                .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))).endEntity(false)
                .keyUsage(true, KeyUsageBit.DIGITAL_SIGNATURE).authorityKeyIdentifier(true).build()).der());
        ordinaryServer = server(serverPrivate, issued);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", ca);
        TrustManagerFactory pkix = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        pkix.init(trusted);
        ordinaryClient = SSLContext.getInstance(AttestedTls.PROTOCOL);
        ordinaryClient.init(null, pkix.getTrustManagers(), new SecureRandom());

        byte[] document = DocumentBuilder.forPki(pki).publicKey(serverKey.subjectPublicKeyInfo()).build();
        X509Certificate attested = x509(TestCertificates.issue(CertificateSpec.builder().subject("CN=enclave")
                .subjectKey(serverKey).serial(BigInteger.TEN).validity(pki.documentTime().minus(Duration.ofHours(1)),
                        pki.documentTime().plus(Duration.ofHours(1)))
                .extraExtension(AttestationExtension.OID, false, AttestationExtension.value(document)).build()).der());
        attestedServer = server(serverPrivate, attested);
        AttestationVerifier verifier = AttestationVerifier.builder().trustAnchors(TrustAnchor.fromPem(pki.rootPem()))
                .acceptAnyEnclaveImage().clock(atDocumentTime).maxAge(Duration.ofMinutes(10)).build();
        attestedRepeatClient = AttestedTls.context(null, AttestedTrustManager.of(verifier));
        attestedFirstClient = AttestedTls.context(null, AttestedTrustManager.of(verifier, 0));
        AttestationVerifier uncached = AttestationVerifier.builder().trustAnchors(TrustAnchor.fromPem(pki.rootPem()))
                .acceptAnyEnclaveImage().clock(atDocumentTime).maxAge(Duration.ofMinutes(10)).chainCacheSize(0)
                .build();
        attestedFirstSightClient = AttestedTls.context(null, AttestedTrustManager.of(uncached, 0));
        for (SSLContext client : new SSLContext[] {attestedRepeatClient, attestedFirstClient,
                attestedFirstSightClient}) {
            EngineHandshake.run(client, attestedServer, false);
        }
        EngineHandshake.run(ordinaryClient, ordinaryServer, false);
    }

    @Benchmark
    public SSLSession ordinary() throws SSLException {
        return EngineHandshake.run(ordinaryClient, ordinaryServer, false);
    }

    @Benchmark
    public SSLSession attestedRepeat() throws SSLException {
        return EngineHandshake.run(attestedRepeatClient, attestedServer, false);
    }

    @Benchmark
    public SSLSession attestedFirst() throws SSLException {
        return EngineHandshake.run(attestedFirstClient, attestedServer, false);
    }

    @Benchmark
    public SSLSession attestedFirstSight() throws SSLException {
        return EngineHandshake.run(attestedFirstSightClient, attestedServer, false);
    }

    private static SSLContext server(PrivateKey key, X509Certificate certificate) throws Exception {
        return AttestedTls.context(new FixedKeyManager(certificate, key), null);
    }

    private static X509Certificate x509(byte[] der) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }
}
